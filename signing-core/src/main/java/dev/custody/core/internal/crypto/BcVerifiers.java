package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.Verifier;
import java.io.IOException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Builds the verifier for a trusted key. The algorithm is the one the {@link PublicKeyInfo} is
 * bound to; nothing about the signature takes part in the choice.
 */
public final class BcVerifiers {
  private BcVerifiers() {}

  /**
   * Creates a verifier.
   *
   * @param key the trusted key and its algorithm
   * @return the verifier
   * @throws KeyException if the key bytes do not decode to a valid key of the algorithm's type
   *     (for example an EC point not on the curve)
   */
  public static Verifier of(PublicKeyInfo key) throws KeyException {
    requireNonNull(key, "key");
    AsymmetricKeyParameter parameters;
    try {
      // BC validates EC points (on the curve, right subgroup) while decoding.
      parameters = PublicKeyFactory.createKey(key.spki().toByteArray());
    } catch (IOException | RuntimeException e) {
      throw new KeyException(
          Reason.KEY, "use public key " + key.keyId() + ": not a valid " + key.keyType().displayName()
              + " key", e);
    }
    KeyType type = key.keyType();
    if (parameters instanceof ECPublicKeyParameters) {
      KeyType curve = Curves.keyTypeOf(((ECPublicKeyParameters) parameters).getParameters(),
          "public key " + key.keyId());
      if (curve == type) {
        return new BcEcdsaVerifier(key, (ECPublicKeyParameters) parameters);
      }
    } else if (parameters instanceof RSAKeyParameters && type == KeyType.RSA) {
      return new BcRsaVerifier(key, (RSAKeyParameters) parameters);
    } else if (parameters instanceof Ed25519PublicKeyParameters && type == KeyType.ED25519) {
      return new BcEd25519Verifier(key, (Ed25519PublicKeyParameters) parameters);
    }
    throw new KeyException(
        "use public key " + key.keyId() + ": key does not fit " + key.algorithm());
  }
}
