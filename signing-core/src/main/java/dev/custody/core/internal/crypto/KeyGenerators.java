package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;

/** Generates key pairs with Bouncy Castle's lightweight API (no JCA provider registered). */
public final class KeyGenerators {
  /** RSA keys Custody generates: 3072 bits, Notary's PS384 size and NIST's 128-bit level. */
  public static final int RSA_BITS = 3072;

  private static final BigInteger RSA_EXPONENT = BigInteger.valueOf(65537);
  /** Miller-Rabin rounds; BC derives the actual count from the key size and this floor. */
  private static final int RSA_CERTAINTY = 128;

  private KeyGenerators() {}

  /**
   * Generates a key pair.
   *
   * @param type the key type; RSA keys have {@link #RSA_BITS} bits
   * @param random the randomness source (a {@link SecureRandom}, never a seeded one in production)
   * @return the new key, bound to the type's default algorithm
   * @throws KeyException never in practice (the generated key is always of a supported type)
   */
  public static SigningKey generate(KeyType type, SecureRandom random) throws KeyException {
    requireNonNull(type, "type");
    requireNonNull(random, "random");
    AsymmetricCipherKeyPair pair;
    switch (type) {
      case EC_P256:
      case EC_P384:
      case EC_P521:
        ECKeyPairGenerator ec = new ECKeyPairGenerator();
        ec.init(new ECKeyGenerationParameters(Curves.domain(type), random));
        pair = ec.generateKeyPair();
        break;
      case RSA:
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(RSA_EXPONENT, random, RSA_BITS, RSA_CERTAINTY));
        pair = rsa.generateKeyPair();
        break;
      case ED25519:
        Ed25519KeyPairGenerator ed = new Ed25519KeyPairGenerator();
        ed.init(new Ed25519KeyGenerationParameters(random));
        pair = ed.generateKeyPair();
        break;
      default:
        throw new AssertionError(type);
    }
    return SigningKey.of(pair.getPrivate(), "generated " + type.displayName() + " key");
  }
}
