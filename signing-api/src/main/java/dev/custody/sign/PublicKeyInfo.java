package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * A public key together with the one {@link SignatureAlgorithm} it is trusted for: the exact
 * {@code SubjectPublicKeyInfo} DER bytes (RFC 5280, the body of a {@code PUBLIC KEY} PEM block),
 * the algorithm, a SHA-256 fingerprint and the {@link KeyId}.
 *
 * <pre>{@code
 * PublicKeyInfo key = PublicKeyInfo.of(spkiDer);                      // the key type's default
 * PublicKeyInfo pss = key.withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA384);
 * }</pre>
 *
 * <p><b>Security guarantees:</b> an instance exists only for a well-formed key of a supported
 * type whose type matches the algorithm (EC keys on exactly the algorithm's curve, RSA keys of at
 * least 2048 bits, Ed25519 keys). A verifier built from it verifies with this algorithm only, so a
 * signature made with another algorithm, or by a key of another type, is refused. Point-on-curve
 * validation happens again where the key is used.
 *
 * <p>Instances are immutable and thread-safe; {@link #equals} compares key bytes and algorithm.
 *
 * @since 0.1
 */
public final class PublicKeyInfo {
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_SPKI_BYTES = 16 * 1024;
  private static final Set<String> P256 = Set.of("1.2.840.10045.3.1.7", "secp256r1");
  private static final Set<String> P384 = Set.of("1.3.132.0.34", "secp384r1");
  private static final Set<String> P521 = Set.of("1.3.132.0.35", "secp521r1");

  private final Bytes spki;
  private final SignatureAlgorithm algorithm;
  private final int keySizeBits;
  private final Digest fingerprint;
  private final KeyId keyId;

  private PublicKeyInfo(Bytes spki, SignatureAlgorithm algorithm, int keySizeBits) {
    this.spki = spki;
    this.algorithm = algorithm;
    this.keySizeBits = keySizeBits;
    byte[] hash = DigestAlgorithm.SHA256.newMessageDigest().digest(spki.toByteArray());
    this.fingerprint = Digest.ofHash(DigestAlgorithm.SHA256, hash);
    this.keyId = KeyId.of(Base64.getEncoder().encodeToString(hash));
  }

  /**
   * Reads a public key and binds it to its key type's {@linkplain KeyType#defaultAlgorithm()
   * default algorithm}.
   *
   * @param spkiDer the {@code SubjectPublicKeyInfo} DER bytes
   * @return the key
   * @throws KeyException if the bytes are not a public key of a supported type
   */
  public static PublicKeyInfo of(Bytes spkiDer) throws KeyException {
    requireNonNull(spkiDer, "spkiDer");
    Parsed parsed = parse(spkiDer);
    return new PublicKeyInfo(spkiDer, parsed.type.defaultAlgorithm(), parsed.bits);
  }

  /**
   * Reads a public key and binds it to {@code algorithm}.
   *
   * @param spkiDer the {@code SubjectPublicKeyInfo} DER bytes
   * @param algorithm the algorithm the key is trusted for
   * @return the key
   * @throws KeyException if the bytes are not a public key, or not one {@code algorithm} can use
   *     (for example a P-256 key for {@link SignatureAlgorithm#ECDSA_P384_SHA384})
   */
  public static PublicKeyInfo of(Bytes spkiDer, SignatureAlgorithm algorithm) throws KeyException {
    requireNonNull(spkiDer, "spkiDer");
    requireNonNull(algorithm, "algorithm");
    Parsed parsed = parse(spkiDer);
    checkType(parsed.type, algorithm);
    return new PublicKeyInfo(spkiDer, algorithm, parsed.bits);
  }

  /**
   * Returns this key bound to another algorithm, for an RSA key that is to be used with PSS, say.
   *
   * @param newAlgorithm the algorithm the key is trusted for
   * @return the key bound to {@code newAlgorithm}
   * @throws KeyException if the key's type does not fit {@code newAlgorithm}
   */
  public PublicKeyInfo withAlgorithm(SignatureAlgorithm newAlgorithm) throws KeyException {
    requireNonNull(newAlgorithm, "newAlgorithm");
    if (newAlgorithm == algorithm) {
      return this;
    }
    checkType(algorithm.keyType(), newAlgorithm);
    return new PublicKeyInfo(spki, newAlgorithm, keySizeBits);
  }

  /** {@return the exact {@code SubjectPublicKeyInfo} DER bytes} */
  public Bytes spki() {
    return spki;
  }

  /** {@return the one algorithm this key is trusted for} */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** {@return the key's type} */
  public KeyType keyType() {
    return algorithm.keyType();
  }

  /** {@return the key size in bits: the curve size, or the RSA modulus length} */
  public int keySizeBits() {
    return keySizeBits;
  }

  /** {@return the SHA-256 digest of the {@code SubjectPublicKeyInfo} DER bytes} */
  public Digest fingerprint() {
    return fingerprint;
  }

  /** {@return cosign's key hint, {@code base64(SHA-256(SPKI DER))}} */
  public KeyId keyId() {
    return keyId;
  }

  /** {@return the key as a PEM {@code PUBLIC KEY} block (64-column lines, final newline)} */
  public String pem() {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki.toByteArray());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicKeyInfo
        && ((PublicKeyInfo) other).algorithm == algorithm
        && ((PublicKeyInfo) other).spki.equals(spki);
  }

  @Override
  public int hashCode() {
    return spki.hashCode() * 31 + algorithm.hashCode();
  }

  /** {@return the algorithm, key size and fingerprint} */
  @Override
  public String toString() {
    return "PublicKeyInfo[" + algorithm + ", " + keySizeBits + " bits, " + fingerprint + "]";
  }

  private static void checkType(KeyType type, SignatureAlgorithm algorithm) throws KeyException {
    if (algorithm.keyType() != type) {
      throw new KeyException(
          "use public key for "
              + algorithm
              + ": key type does not fit the algorithm (expected "
              + algorithm.keyType().displayName()
              + ", got "
              + type.displayName()
              + ")");
    }
  }

  private static final class Parsed {
    final KeyType type;
    final int bits;

    Parsed(KeyType type, int bits) {
      this.type = type;
      this.bits = bits;
    }
  }

  /**
   * Classifies the key with the JDK's own key factories (no third-party provider, so the API stays
   * JDK-only): the first factory that accepts the encoding names the family.
   */
  private static Parsed parse(Bytes spkiDer) throws KeyException {
    if (spkiDer.isEmpty() || spkiDer.size() > MAX_SPKI_BYTES) {
      throw new KeyException(
          "read public key: expected 1 to " + MAX_SPKI_BYTES + " bytes, got " + spkiDer.size());
    }
    X509EncodedKeySpec spec = new X509EncodedKeySpec(spkiDer.toByteArray());
    PublicKey key = decode("EC", spec);
    if (key instanceof ECPublicKey) {
      ECPublicKey ec = (ECPublicKey) key;
      return new Parsed(curveOf(ec), ec.getParams().getCurve().getField().getFieldSize());
    }
    key = decode("RSA", spec);
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new KeyException(
            Reason.UNSUPPORTED,
            "read public key: RSA key too small (expected at least "
                + MIN_RSA_BITS
                + " bits, got "
                + bits
                + ")",
            null);
      }
      return new Parsed(KeyType.RSA, bits);
    }
    if (decode("Ed25519", spec) != null) {
      return new Parsed(KeyType.ED25519, 255);
    }
    throw new KeyException(
        Reason.UNSUPPORTED,
        "read public key: not a SubjectPublicKeyInfo of a supported type"
            + " (expected EC P-256/P-384/P-521, RSA or Ed25519)",
        null);
  }

  private static PublicKey decode(String family, X509EncodedKeySpec spec) {
    try {
      return KeyFactory.getInstance(family).generatePublic(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private static KeyType curveOf(ECPublicKey key) throws KeyException {
    String name;
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(key.getParams());
      name = parameters.getParameterSpec(ECGenParameterSpec.class).getName();
    } catch (GeneralSecurityException e) {
      name = "an unnamed curve";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (P256.contains(lower)) {
      return KeyType.EC_P256;
    } else if (P384.contains(lower)) {
      return KeyType.EC_P384;
    } else if (P521.contains(lower)) {
      return KeyType.EC_P521;
    }
    throw new KeyException(
        Reason.UNSUPPORTED,
        "read public key: unsupported elliptic curve (expected P-256, P-384 or P-521, got "
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + ")",
        null);
  }
}
