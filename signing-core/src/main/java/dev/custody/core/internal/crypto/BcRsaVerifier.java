package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/** RSASSA-PKCS1-v1_5 and RSASSA-PSS verification, the hash computed by the JDK. */
final class BcRsaVerifier implements Verifier {
  private final PublicKeyInfo publicKey;
  private final RSAKeyParameters key;
  private final int signatureLength;

  BcRsaVerifier(PublicKeyInfo publicKey, RSAKeyParameters key) {
    this.publicKey = publicKey;
    this.key = key;
    this.signatureLength = (key.getModulus().bitLength() + 7) / 8;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public void verify(Bytes message, Bytes signature) throws VerificationException {
    // RFC 8017 §8.2.2 step 1: the signature is exactly as long as the modulus.
    if (signature.size() != signatureLength) {
      throw Failures.malformed(publicKey, signatureLength + " bytes, got " + signature.size());
    }
    byte[] hash = Hashes.hash(publicKey.algorithm(), message.toByteArray());
    org.bouncycastle.crypto.Signer verifier = BcRsaSigner.newSigner(publicKey.algorithm());
    verifier.init(false, key);
    verifier.update(hash, 0, hash.length);
    boolean valid;
    try {
      valid = verifier.verifySignature(signature.toByteArray());
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw Failures.invalid(publicKey);
    }
  }

  @Override
  public String toString() {
    return "BcRsaVerifier[" + publicKey + "]";
  }
}
