package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.PasswordSource;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Reads private keys from PEM: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, PBES2 with PBKDF2), SEC 1 ({@code EC PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and cosign's encrypted format (FORMATS.md §4.1, §4.3).
 */
public final class PrivateKeys {
  /** PBKDF2 rounds beyond this are refused before deriving: a hostile file could ask for 2^31. */
  static final int MAX_PBKDF2_ITERATIONS = 10_000_000;

  private static final List<String> TYPES =
      List.of(
          "PRIVATE KEY",
          "ENCRYPTED PRIVATE KEY",
          "EC PRIVATE KEY",
          "RSA PRIVATE KEY",
          CosignKeyFormat.PEM_TYPE,
          CosignKeyFormat.LEGACY_PEM_TYPE);

  private PrivateKeys() {}

  /**
   * Reads the first private key block of a PEM file.
   *
   * @param content the file content
   * @param source the file name, for messages
   * @param passwords asked only if the key is encrypted; the password is zeroed after use
   * @return the key, bound to its type's default algorithm
   * @throws KeyException naming {@code source}: no PEM, no private key block, malformed key,
   *     unsupported type, missing or wrong password
   */
  public static SigningKey read(byte[] content, String source, PasswordSource passwords)
      throws KeyException {
    requireNonNull(passwords, "passwords");
    List<Pem.Block> blocks = Pem.decodeAll(content, source);
    List<String> seen = new ArrayList<>();
    try {
      for (Pem.Block block : blocks) {
        if (TYPES.contains(block.type)) {
          return decode(block, source, passwords);
        }
        seen.add("\"" + Pem.shorten(block.type) + "\"");
      }
    } finally {
      blocks.forEach(b -> Passwords.zero(b.der));
    }
    throw new KeyException(
        "read private key " + source + ": unknown PEM type (expected one of " + TYPES + ", got "
            + String.join(", ", seen) + ")");
  }

  private static SigningKey decode(Pem.Block block, String source, PasswordSource passwords)
      throws KeyException {
    switch (block.type) {
      case "PRIVATE KEY":
        return SigningKey.fromPkcs8(block.der, source);
      case "EC PRIVATE KEY":
        return fromSec1(block.der, source);
      case "RSA PRIVATE KEY":
        return fromPkcs1(block.der, source);
      case "ENCRYPTED PRIVATE KEY":
        return fromEncryptedPkcs8(block.der, source, passwords);
      default:
        return fromCosign(block.der, source, passwords);
    }
  }

  private static SigningKey fromCosign(byte[] json, String source, PasswordSource passwords)
      throws KeyException {
    char[] password = Passwords.require(passwords, "decrypt private key " + source);
    byte[] pkcs8 = null;
    try {
      pkcs8 = CosignKeyFormat.decrypt(json, password, source);
      return SigningKey.fromPkcs8(pkcs8, source);
    } finally {
      Passwords.zero(password);
      Passwords.zero(pkcs8);
    }
  }

  /** SEC 1 §C.4; the curve must be named inside the structure, since there is nowhere else. */
  private static SigningKey fromSec1(byte[] der, String source) throws KeyException {
    ECPrivateKey sec1;
    try {
      sec1 = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (Exception e) {
      throw new KeyException("read private key " + source + ": not a SEC 1 ECPrivateKey");
    }
    // getParameters() throws on absent parameters in BC 1.82; getParametersObject() returns null.
    org.bouncycastle.asn1.ASN1Object curve = sec1.getParametersObject();
    if (curve == null) {
      throw new KeyException(
          "read private key " + source + ": EC PRIVATE KEY without curve parameters");
    }
    return SigningKey.fromPrivateKeyInfo(
        new PrivateKeyInfoHolder(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1)
            .info(source),
        source);
  }

  private static SigningKey fromPkcs1(byte[] der, String source) throws KeyException {
    RSAPrivateKey rsa;
    try {
      rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (Exception e) {
      throw new KeyException("read private key " + source + ": not a PKCS#1 RSAPrivateKey");
    }
    return SigningKey.fromPrivateKeyInfo(
        new PrivateKeyInfoHolder(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa)
            .info(source),
        source);
  }

  private static SigningKey fromEncryptedPkcs8(
      byte[] der, String source, PasswordSource passwords) throws KeyException {
    EncryptedPrivateKeyInfo encrypted;
    try {
      encrypted = EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (Exception e) {
      throw new KeyException("read private key " + source + ": not a PKCS#8 EncryptedPrivateKeyInfo");
    }
    try {
      checkPbes2(encrypted.getEncryptionAlgorithm(), source);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new KeyException("read private key " + source + ": malformed PBES2 parameters");
    }
    char[] password = Passwords.require(passwords, "decrypt private key " + source);
    try {
      // A provider instance handed to this one builder, never registered globally.
      PrivateKeyInfo info =
          new PKCS8EncryptedPrivateKeyInfo(encrypted)
              .decryptPrivateKeyInfo(
                  new JcePKCSPBEInputDecryptorProviderBuilder()
                      .setProvider(new BouncyCastleProvider())
                      .build(password));
      return SigningKey.fromPrivateKeyInfo(info, source);
    } catch (PKCSException | RuntimeException e) {
      throw new KeyException(
          Reason.KEY, "decrypt private key " + source + ": wrong password, or the file was altered",
          null);
    } finally {
      Passwords.zero(password);
    }
  }

  /** Only PBES2 with PBKDF2 (what OpenSSL 1.1+ writes), with a bounded iteration count. */
  private static void checkPbes2(AlgorithmIdentifier algorithm, String source)
      throws KeyException {
    if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "read private key " + source + ": unsupported encryption (expected PBES2, got OID "
              + algorithm.getAlgorithm().getId() + ")",
          null);
    }
    PBES2Parameters pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(pbes2.getKeyDerivationFunc().getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "read private key " + source + ": unsupported key derivation (expected PBKDF2, got OID "
              + pbes2.getKeyDerivationFunc().getAlgorithm().getId() + ")",
          null);
    }
    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    if (kdf.getIterationCount().bitLength() > 31
        || kdf.getIterationCount().intValue() > MAX_PBKDF2_ITERATIONS) {
      throw new KeyException(
          Reason.LIMIT_EXCEEDED,
          "read private key " + source + ": PBKDF2 iteration count too large (at most "
              + MAX_PBKDF2_ITERATIONS + ")",
          null);
    }
  }

  /** Builds a {@link PrivateKeyInfo}, turning BC's encoding exceptions into a key error. */
  private static final class PrivateKeyInfoHolder {
    private final AlgorithmIdentifier algorithm;
    private final org.bouncycastle.asn1.ASN1Encodable key;

    PrivateKeyInfoHolder(AlgorithmIdentifier algorithm, org.bouncycastle.asn1.ASN1Encodable key) {
      this.algorithm = algorithm;
      this.key = key;
    }

    PrivateKeyInfo info(String source) throws KeyException {
      try {
        return new PrivateKeyInfo(algorithm, key);
      } catch (Exception e) {
        throw new KeyException("read private key " + source + ": malformed key");
      }
    }
  }
}
