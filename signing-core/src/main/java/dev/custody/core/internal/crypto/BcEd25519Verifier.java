package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 and Ed25519ph verification with Bouncy Castle (matches native speed here). */
final class BcEd25519Verifier implements Verifier {
  private final PublicKeyInfo publicKey;
  private final Ed25519PublicKeyParameters key;

  BcEd25519Verifier(PublicKeyInfo publicKey, Ed25519PublicKeyParameters key) {
    this.publicKey = publicKey;
    this.key = key;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public void verify(Bytes message, Bytes signature) throws VerificationException {
    if (signature.size() != BcEd25519Signer.SIGNATURE_LENGTH) {
      throw Failures.malformed(publicKey, BcEd25519Signer.SIGNATURE_LENGTH + " bytes, got "
          + signature.size());
    }
    byte[] sig = signature.toByteArray();
    boolean valid;
    if (publicKey.algorithm() == SignatureAlgorithm.ED25519_PH) {
      byte[] prehash = Hashes.hash(SignatureAlgorithm.ED25519_PH, message.toByteArray());
      valid = key.verify(Ed25519.Algorithm.Ed25519ph, BcEd25519Signer.EMPTY_CONTEXT, prehash, 0,
          prehash.length, sig, 0);
    } else {
      byte[] bytes = message.toByteArray();
      valid = key.verify(Ed25519.Algorithm.Ed25519, null, bytes, 0, bytes.length, sig, 0);
    }
    if (!valid) {
      throw Failures.invalid(publicKey);
    }
  }

  @Override
  public String toString() {
    return "BcEd25519Verifier[" + publicKey + "]";
  }
}
