package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/** ECDSA verification with Bouncy Castle's lightweight API (10x SunEC here: PERFORMANCE.md). */
final class BcEcdsaVerifier implements Verifier {
  private final PublicKeyInfo publicKey;
  private final ECPublicKeyParameters key;

  BcEcdsaVerifier(PublicKeyInfo publicKey, ECPublicKeyParameters key) {
    this.publicKey = publicKey;
    this.key = key;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public void verify(Bytes message, Bytes signature) throws VerificationException {
    BigInteger[] rs =
        EcdsaSignatures.fromDer(signature.toByteArray())
            .orElseThrow(() -> Failures.malformed(publicKey, "DER ECDSA-Sig-Value"));
    byte[] hash = Hashes.hash(publicKey.algorithm(), message.toByteArray());
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    // verifySignature also refuses r or s outside [1, n-1].
    if (!verifier.verifySignature(hash, rs[0], rs[1])) {
      throw Failures.invalid(publicKey);
    }
  }

  @Override
  public String toString() {
    return "BcEcdsaVerifier[" + publicKey + "]";
  }
}
