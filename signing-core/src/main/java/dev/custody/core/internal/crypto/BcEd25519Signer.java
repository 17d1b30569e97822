package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (pure) and Ed25519ph (SHA-512 pre-hash, empty context, as cosign signs) with Bouncy
 * Castle's lightweight API.
 */
final class BcEd25519Signer implements Signer {
  /** RFC 8032 §5.1: Ed25519ph with an empty context, which is what Go's crypto/ed25519 uses. */
  static final byte[] EMPTY_CONTEXT = new byte[0];
  static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

  private final PublicKeyInfo publicKey;
  private final Ed25519PrivateKeyParameters key;
  private final Ed25519PublicKeyParameters publicParameters;

  BcEd25519Signer(
      PublicKeyInfo publicKey,
      Ed25519PrivateKeyParameters key,
      Ed25519PublicKeyParameters publicParameters) {
    this.publicKey = publicKey;
    this.key = key;
    this.publicParameters = publicParameters;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public Bytes sign(Bytes message) throws SigningException {
    if (publicKey.algorithm() == SignatureAlgorithm.ED25519_PH) {
      return signDigest(Bytes.of(Hashes.hash(SignatureAlgorithm.ED25519_PH, message.toByteArray())));
    }
    byte[] bytes = message.toByteArray();
    byte[] signature = new byte[SIGNATURE_LENGTH];
    key.sign(Ed25519.Algorithm.Ed25519, publicParameters, null, bytes, 0, bytes.length, signature, 0);
    return Bytes.of(signature);
  }

  @Override
  public Bytes signDigest(Bytes digest) throws SigningException {
    if (publicKey.algorithm() != SignatureAlgorithm.ED25519_PH) {
      throw new SigningException(
          Reason.UNSUPPORTED,
          "sign digest with " + publicKey.algorithm() + ": pure Ed25519 signs whole messages only",
          null);
    }
    Hashes.checkDigestLength(publicKey.algorithm(), digest);
    byte[] prehash = digest.toByteArray();
    byte[] signature = new byte[SIGNATURE_LENGTH];
    key.sign(
        Ed25519.Algorithm.Ed25519ph, publicParameters, EMPTY_CONTEXT, prehash, 0, prehash.length,
        signature, 0);
    return Bytes.of(signature);
  }

  @Override
  public String toString() {
    return "BcEd25519Signer[" + publicKey + "]";
  }
}
