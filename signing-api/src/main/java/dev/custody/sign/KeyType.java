package dev.custody.sign;

import java.util.List;

/**
 * The kind of an asymmetric key: its mathematical family and, for elliptic curves, the curve.
 * A key's type decides which {@link SignatureAlgorithm}s it may be used with; an RSA key may serve
 * several algorithms (PKCS#1 v1.5 or PSS), but each {@link PublicKeyInfo} pins exactly one.
 *
 * @since 0.1
 */
public enum KeyType {
  /** ECDSA over NIST P-256 (secp256r1), Custody's and cosign's default. */
  EC_P256("EC P-256", 256),
  /** ECDSA over NIST P-384 (secp384r1). */
  EC_P384("EC P-384", 384),
  /** ECDSA over NIST P-521 (secp521r1); read and verified, Notary's ES512. */
  EC_P521("EC P-521", 521),
  /** RSA with a modulus of at least 2048 bits; generated keys have 3072 bits. */
  RSA("RSA", 0),
  /** Edwards-curve Ed25519 (RFC 8032). */
  ED25519("Ed25519", 255);

  private final String displayName;
  private final int fixedBits;

  KeyType(String displayName, int fixedBits) {
    this.displayName = displayName;
    this.fixedBits = fixedBits;
  }

  /** {@return a human-readable name such as {@code EC P-256}, for messages} */
  public String displayName() {
    return displayName;
  }

  /** {@return whether the key size is fixed by the type (every type except {@link #RSA})} */
  public boolean hasFixedSize() {
    return fixedBits != 0;
  }

  /**
   * Returns the algorithm a key of this type signs with unless told otherwise, chosen for the
   * widest compatibility with cosign and containers/image (FORMATS.md §3.4): ECDSA with the
   * curve's matching hash, RSA PKCS#1 v1.5 with SHA-256, and pure Ed25519.
   *
   * @return the default algorithm
   */
  public SignatureAlgorithm defaultAlgorithm() {
    switch (this) {
      case EC_P256:
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case EC_P384:
        return SignatureAlgorithm.ECDSA_P384_SHA384;
      case EC_P521:
        return SignatureAlgorithm.ECDSA_P521_SHA512;
      case RSA:
        return SignatureAlgorithm.RSA_PKCS1_SHA256;
      case ED25519:
        return SignatureAlgorithm.ED25519;
      default:
        throw new AssertionError(this);
    }
  }

  /** {@return every algorithm a key of this type may be used with, default first} */
  public List<SignatureAlgorithm> algorithms() {
    java.util.ArrayList<SignatureAlgorithm> result = new java.util.ArrayList<>();
    result.add(defaultAlgorithm());
    for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
      if (algorithm.keyType() == this && algorithm != defaultAlgorithm()) {
        result.add(algorithm);
      }
    }
    return List.copyOf(result);
  }
}
