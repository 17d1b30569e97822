package dev.custody.sign;

import java.util.Optional;

/**
 * A signature algorithm: key type, hash and padding together, as a closed set of vetted presets
 * (no free combination of curve and hash). A key is bound to exactly one algorithm
 * ({@link PublicKeyInfo#algorithm()}); verification uses the key's algorithm and never one named by
 * the signature or its headers.
 *
 * <p>Signature encodings:
 *
 * <ul>
 *   <li>ECDSA: ASN.1 DER {@code ECDSA-Sig-Value} (SEQUENCE of INTEGER r, INTEGER s), as cosign
 *       and DSSE use it; JWS wants the fixed-length {@code R || S} form, which core converts.
 *   <li>RSA: the big-endian signature integer, as long as the modulus.
 *   <li>Ed25519 and Ed25519ph: 64 bytes (RFC 8032).
 * </ul>
 *
 * @since 0.1
 */
public enum SignatureAlgorithm {
  /** ECDSA on P-256 with SHA-256; JWS {@code ES256}. The default for new keys. */
  ECDSA_P256_SHA256(KeyType.EC_P256, "SHA-256", 32, "ES256"),
  /** ECDSA on P-384 with SHA-384; JWS {@code ES384}. */
  ECDSA_P384_SHA384(KeyType.EC_P384, "SHA-384", 48, "ES384"),
  /** ECDSA on P-521 with SHA-512; JWS {@code ES512}. */
  ECDSA_P521_SHA512(KeyType.EC_P521, "SHA-512", 64, "ES512"),
  /** RSASSA-PKCS1-v1_5 with SHA-256; JWS {@code RS256}. cosign's and skopeo's RSA algorithm. */
  RSA_PKCS1_SHA256(KeyType.RSA, "SHA-256", 32, "RS256"),
  /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt; JWS {@code PS256} (Notary, RSA 2048). */
  RSA_PSS_SHA256(KeyType.RSA, "SHA-256", 32, "PS256"),
  /** RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt; JWS {@code PS384} (Notary, RSA 3072). */
  RSA_PSS_SHA384(KeyType.RSA, "SHA-384", 48, "PS384"),
  /** RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt; JWS {@code PS512} (Notary, RSA 4096). */
  RSA_PSS_SHA512(KeyType.RSA, "SHA-512", 64, "PS512"),
  /** Pure Ed25519 (RFC 8032) over the whole message; JWS {@code EdDSA}. */
  ED25519(KeyType.ED25519, "", 0, "EdDSA"),
  /**
   * Ed25519ph (RFC 8032, pre-hashed with SHA-512, empty context): what cosign signs with for
   * Ed25519 keys (FORMATS.md §3.4). Not defined for JWS.
   */
  ED25519_PH(KeyType.ED25519, "SHA-512", 64, "");

  private final KeyType keyType;
  private final String digestName;
  private final int digestLength;
  private final String jwsName;

  SignatureAlgorithm(KeyType keyType, String digestName, int digestLength, String jwsName) {
    this.keyType = keyType;
    this.digestName = digestName;
    this.digestLength = digestLength;
    this.jwsName = jwsName;
  }

  /** {@return {@link #ECDSA_P256_SHA256}, the algorithm of newly generated keys by default} */
  public static SignatureAlgorithm defaultAlgorithm() {
    return ECDSA_P256_SHA256;
  }

  /**
   * Returns the algorithm the Notary Project signs with for {@code key} (FORMATS.md §5.5), which is
   * fixed by the key alone: RSA 2048 → {@link #RSA_PSS_SHA256}, 3072 → {@link #RSA_PSS_SHA384},
   * 4096 → {@link #RSA_PSS_SHA512}; EC P-256 → {@link #ECDSA_P256_SHA256}, P-384 → {@link
   * #ECDSA_P384_SHA384}, P-521 → {@link #ECDSA_P521_SHA512}. The algorithm {@code key} is bound to
   * plays no part.
   *
   * @param key the signing key (the leaf certificate's public key)
   * @return the algorithm, or empty for keys Notary does not sign with (Ed25519, RSA of other
   *     sizes)
   */
  public static Optional<SignatureAlgorithm> notaryAlgorithm(PublicKeyInfo key) {
    switch (key.keyType()) {
      case EC_P256:
        return Optional.of(ECDSA_P256_SHA256);
      case EC_P384:
        return Optional.of(ECDSA_P384_SHA384);
      case EC_P521:
        return Optional.of(ECDSA_P521_SHA512);
      case RSA:
        switch (key.keySizeBits()) {
          case 2048:
            return Optional.of(RSA_PSS_SHA256);
          case 3072:
            return Optional.of(RSA_PSS_SHA384);
          case 4096:
            return Optional.of(RSA_PSS_SHA512);
          default:
            return Optional.empty();
        }
      default:
        return Optional.empty();
    }
  }

  /** {@return the type of key this algorithm needs} */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns the JCA name of the hash applied to the message before the private-key operation
   * ({@code SHA-256}, {@code SHA-384}, {@code SHA-512}), or empty for pure Ed25519, which signs
   * the message itself. Only algorithms with a hash can sign a pre-computed digest
   * ({@link Signer#signDigest}).
   *
   * @return the hash name, or empty
   */
  public Optional<String> digestName() {
    return digestName.isEmpty() ? Optional.empty() : Optional.of(digestName);
  }

  /** {@return the length in bytes of the digest {@link Signer#signDigest} takes, or 0 if none} */
  public int digestLength() {
    return digestLength;
  }

  /**
   * Returns the JWS {@code alg} name (RFC 7518, RFC 8037), or empty where JWS defines none. A JWS
   * verifier compares the header's {@code alg} with this value; it never picks an algorithm by it.
   *
   * @return the JWS name, or empty
   */
  public Optional<String> jwsName() {
    return jwsName.isEmpty() ? Optional.empty() : Optional.of(jwsName);
  }
}
