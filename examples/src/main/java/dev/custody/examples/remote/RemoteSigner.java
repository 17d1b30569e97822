package dev.custody.examples.remote;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import java.net.URI;

/**
 * A {@link Signer} whose key lives in a remote signing service ({@link SigningService}). Custody
 * hashes what it signs and calls {@link #signDigest}; only the 32-byte digest travels to the
 * service, and only the signature comes back. The public key is fetched once, when the signer is
 * opened, and fixes the algorithm (ECDSA P-256 with SHA-256). Thread-safe.
 */
public final class RemoteSigner implements Signer {
  private final RemoteKeyClient client;
  private final URI key;
  private final PublicKeyInfo publicKey;

  RemoteSigner(RemoteKeyClient client, URI key, PublicKeyInfo publicKey) {
    this.client = requireNonNull(client, "client");
    this.key = requireNonNull(key, "key");
    this.publicKey = requireNonNull(publicKey, "publicKey");
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public Bytes signDigest(Bytes digest) throws SigningException {
    if (digest.size() != algorithm().digestLength()) {
      throw new IllegalArgumentException(
          "sign digest with " + key + ": expected " + algorithm().digestLength() + " bytes, got "
              + digest.size());
    }
    try {
      return client.sign(key, digest);
    } catch (java.io.IOException e) {
      throw new SigningException(Reason.IO, "sign with remote key " + key + ": " + e.getMessage(), e);
    }
  }

  /** {@return the key's location and fingerprint; never key material} */
  @Override
  public String toString() {
    return "RemoteSigner[" + key + ", " + publicKey.fingerprint() + "]";
  }
}
