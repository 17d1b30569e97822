package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.Signer;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA with Bouncy Castle's lightweight API, deterministic nonces (RFC 6979, so no signature
 * depends on the quality of a random source) and DER output. Signing the FORMATS.md Appendix A
 * payloads with the Appendix A key reproduces the document's signatures exactly.
 */
final class BcEcdsaSigner implements Signer {
  private final PublicKeyInfo publicKey;
  private final ECPrivateKeyParameters key;

  BcEcdsaSigner(PublicKeyInfo publicKey, ECPrivateKeyParameters key) {
    this.publicKey = publicKey;
    this.key = key;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public Bytes sign(Bytes message) {
    return signDigest(Bytes.of(Hashes.hash(publicKey.algorithm(), message.toByteArray())));
  }

  @Override
  public Bytes signDigest(Bytes digest) {
    Hashes.checkDigestLength(publicKey.algorithm(), digest);
    ECDSASigner signer =
        new ECDSASigner(new HMacDSAKCalculator(Hashes.bcDigest(publicKey.algorithm())));
    signer.init(true, key);
    BigInteger[] rs = signer.generateSignature(digest.toByteArray());
    return Bytes.of(EcdsaSignatures.toDer(rs[0], rs[1]));
  }

  @Override
  public String toString() {
    return "BcEcdsaSigner[" + publicKey + "]";
  }
}
