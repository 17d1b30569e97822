package dev.custody.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms Custody computes and verifies: the two registered by the OCI image
 * specification for which the JDK has an implementation.
 */
public enum DigestAlgorithm {
  /** SHA-256; every OCI implementation must support it. */
  SHA256("sha256", "SHA-256", 64),
  /** SHA-512. */
  SHA512("sha512", "SHA-512", 128);

  private final String id;
  private final String jcaName;
  private final int hexLength;

  DigestAlgorithm(String id, String jcaName, int hexLength) {
    this.id = id;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** {@return the identifier used in digest strings, e.g. {@code sha256}} */
  public String id() {
    return id;
  }

  /** {@return the length of the lower-case hex encoding} */
  public int hexLength() {
    return hexLength;
  }

  /** {@return a new message digest for this algorithm} */
  public MessageDigest newMessageDigest() {
    try {
      // The SUN provider: it uses the CPU's SHA intrinsics (PERFORMANCE.md); never hash bulk data with BC.
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jcaName, e);
    }
  }

  /**
   * {@return the algorithm with identifier {@code id}, if Custody supports it}
   *
   * @param id the identifier as written before the {@code :} of a digest, e.g. {@code sha256}
   */
  public static Optional<DigestAlgorithm> fromId(String id) {
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.id.equals(id)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
