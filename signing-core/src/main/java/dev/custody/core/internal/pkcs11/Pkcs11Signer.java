package dev.custody.core.internal.pkcs11;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyType;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;

/**
 * Signs with a private key that stays on a PKCS#11 token, through the SunPKCS11 provider instance
 * bound to the token's slot. The algorithm is fixed by the key found on the token.
 *
 * <p>Thread-safe: every call takes its own {@link Signature} from the provider, which draws on
 * SunPKCS11's session pool. {@link #close()} releases the login (see {@link Pkcs11KeyProvider});
 * signing after it fails.
 */
final class Pkcs11Signer implements Signer, AutoCloseable {
  private final PublicKeyInfo publicKey;
  private final PrivateKey key;
  private final Provider provider;
  private final String uri;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  Pkcs11Signer(
      PublicKeyInfo publicKey, PrivateKey key, Provider provider, String uri, Runnable release) {
    this.publicKey = publicKey;
    this.key = key;
    this.provider = provider;
    this.uri = uri;
    this.release = release;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public Bytes sign(Bytes message) throws SigningException {
    SignatureAlgorithm algorithm = publicKey.algorithm();
    try {
      Signature signature = Pkcs11Algorithms.messageSignature(algorithm, provider);
      signature.initSign(key);
      signature.update(message.toByteArray());
      return Bytes.of(signature.sign());
    } catch (GeneralSecurityException | ProviderException e) {
      throw failure(e);
    }
  }

  @Override
  public Bytes signDigest(Bytes digest) throws SigningException {
    SignatureAlgorithm algorithm = publicKey.algorithm();
    if (algorithm.digestLength() == 0) {
      return Signer.super.signDigest(digest);
    }
    if (digest.size() != algorithm.digestLength()) {
      throw new IllegalArgumentException(
          "sign digest with "
              + algorithm
              + ": wrong digest length (expected "
              + algorithm.digestLength()
              + " bytes, got "
              + digest.size()
              + ")");
    }
    if (algorithm.keyType() == KeyType.RSA && algorithm != SignatureAlgorithm.RSA_PKCS1_SHA256) {
      // SunPKCS11's hash-less "RSASSA-PSS" hashes its input itself, and the JDK offers no other
      // way to reach CKM_RSA_PKCS_PSS over a digest.
      throw new SigningException(
          Reason.UNSUPPORTED,
          "sign digest with PKCS#11 key "
              + uri
              + " ("
              + algorithm
              + "): SunPKCS11 cannot sign a"
              + " precomputed digest with PSS; sign the message instead",
          null);
    }
    try {
      if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
        // CKM_RSA_PKCS over a DigestInfo (RFC 8017 §9.2): SunPKCS11 has no NONEwithRSA
        // Signature, but its RSA cipher signs (C_Sign) when encrypting with a private key.
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return Bytes.of(cipher.doFinal(Pkcs11Algorithms.sha256DigestInfo(digest.toByteArray())));
      }
      Signature signature = Pkcs11Algorithms.digestSignature(algorithm, provider);
      signature.initSign(key);
      signature.update(digest.toByteArray());
      return Bytes.of(signature.sign());
    } catch (GeneralSecurityException | ProviderException e) {
      throw failure(e);
    }
  }

  /** Logs out of the token once no other signer of the same provider needs the login. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Signer[" + uri + ", " + publicKey + "]";
  }

  private SigningException failure(Exception e) {
    return new SigningException(
        Reason.KEY,
        "sign with PKCS#11 key "
            + uri
            + " ("
            + publicKey.algorithm()
            + "): "
            + (closed.get() ? "the signer is closed; " : "")
            + Pkcs11Token.rootMessage(e),
        e);
  }
}
