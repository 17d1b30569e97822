package dev.custody.examples.remote;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Plugs remote keys into Custody through the {@link KeyProvider} SPI: key references of the form
 * {@code remote:https://signer.example.com/keys/release}. It is registered in
 * {@code META-INF/services/dev.custody.sign.KeyProvider}, so {@code Custody.builder().build()}
 * finds it on the classpath; it may also be passed to {@code Custody.Builder.keyProvider}.
 *
 * <pre>{@code
 * Signer signer = custody.signer(KeyRef.parse("remote:https://signer.example.com/keys/release"),
 *     PasswordSource.none());
 * custody.sign(image, signer, SignOptions.defaults());
 * }</pre>
 *
 * <p>The service authenticates callers in real life (mutual TLS, a token); the simulation does
 * not. No password is asked: the key never leaves the service. Thread-safe.
 */
public final class RemoteKeyProvider implements KeyProvider {
  /** The key reference scheme this provider understands. */
  public static final String SCHEME = "remote";

  private final RemoteKeyClient client = new RemoteKeyClient();

  /** Creates the provider (ServiceLoader calls this). */
  public RemoteKeyProvider() {}

  @Override
  public boolean supports(KeyRef ref) {
    return SCHEME.equals(ref.scheme());
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) throws KeyException {
    URI key = uri(ref);
    return new RemoteSigner(client, key, publicKey(key));
  }

  @Override
  public Verifier verifier(KeyRef ref) throws KeyException {
    PublicKeyInfo key = publicKey(uri(ref));
    return new Verifier() {
      @Override
      public PublicKeyInfo publicKey() {
        return key;
      }

      @Override
      public void verify(Bytes message, Bytes signature) throws VerificationException {
        try {
          PublicKey jdkKey =
              KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.spki().toByteArray()));
          Signature ecdsa = Signature.getInstance("SHA256withECDSA");
          ecdsa.initVerify(jdkKey);
          ecdsa.update(message.toByteArray());
          if (ecdsa.verify(signature.toByteArray())) {
            return;
          }
        } catch (GeneralSecurityException e) {
          // a malformed signature: fall through to the failure
        }
        throw new VerificationException(
            Reason.VERIFICATION_FAILED,
            "verify with remote key " + key.keyId() + " (" + key.algorithm() + "): signature invalid",
            null);
      }
    };
  }

  private static URI uri(KeyRef ref) throws KeyException {
    try {
      return URI.create(ref.location());
    } catch (IllegalArgumentException e) {
      throw new KeyException("open key " + ref + ": not a URI after remote:");
    }
  }

  private PublicKeyInfo publicKey(URI key) throws KeyException {
    try {
      // The service's keys are EC P-256: bind them to that one algorithm, whatever else arrives.
      return PublicKeyInfo.of(client.publicKey(key), SignatureAlgorithm.ECDSA_P256_SHA256);
    } catch (IOException e) {
      throw new KeyException(Reason.IO, "open remote key " + key + ": " + e.getMessage(), e);
    }
  }
}
