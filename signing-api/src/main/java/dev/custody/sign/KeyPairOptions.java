package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What key pair to generate and how to write it: the key type, the private key file format,
 * whether existing files may be replaced, and optionally a self-signed code-signing test
 * certificate for Notary signatures. Immutable and thread-safe; start from {@link #defaults()}
 * (EC P-256, cosign's encrypted format, never overwrite, no certificate).
 *
 * <pre>{@code
 * KeyPairOptions options =
 *     KeyPairOptions.builder().keyType(KeyType.RSA).testCertificate("example.com").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class KeyPairOptions {
  /** The validity of a test certificate unless told otherwise: 365 days, as notation's. */
  public static final Duration DEFAULT_CERTIFICATE_VALIDITY = Duration.ofDays(365);

  /** Key types a Notary test certificate may have (Notary's signing algorithms). */
  private static final Set<KeyType> CERTIFICATE_KEY_TYPES =
      EnumSet.of(KeyType.RSA, KeyType.EC_P256, KeyType.EC_P384);

  private static final KeyPairOptions DEFAULTS = builder().build();

  private final KeyType keyType;
  private final KeyFileFormat fileFormat;
  private final boolean overwrite;
  private final Optional<String> testCertificate;
  private final Duration certificateValidity;

  private KeyPairOptions(Builder b) {
    this.keyType = b.keyType;
    this.fileFormat = b.fileFormat;
    this.overwrite = b.overwrite;
    this.testCertificate = Optional.ofNullable(b.testCertificate);
    this.certificateValidity = b.certificateValidity;
  }

  /** {@return EC P-256, cosign format, no overwriting, no certificate} */
  public static KeyPairOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the type of the key generated; RSA keys have 3072 bits} */
  public KeyType keyType() {
    return keyType;
  }

  /** {@return the private key file's encoding} */
  public KeyFileFormat fileFormat() {
    return fileFormat;
  }

  /** {@return whether existing files are replaced (otherwise generation refuses to start)} */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * {@return the common name of a self-signed code-signing test certificate to write with the key
   * (NOT FOR PRODUCTION: its subject says so), if one is wanted}
   */
  public Optional<String> testCertificate() {
    return testCertificate;
  }

  /** {@return how long a test certificate is valid from now} */
  public Duration certificateValidity() {
    return certificateValidity;
  }

  /** Builds {@link KeyPairOptions}. Not thread-safe. */
  public static final class Builder {
    private KeyType keyType = KeyType.EC_P256;
    private KeyFileFormat fileFormat = KeyFileFormat.COSIGN;
    private boolean overwrite;
    private String testCertificate;
    private Duration certificateValidity = DEFAULT_CERTIFICATE_VALIDITY;

    private Builder() {}

    /**
     * Sets the key type.
     *
     * @param value any type but {@link KeyType#EC_P521}, which Custody reads but does not generate
     * @return this builder
     */
    public Builder keyType(KeyType value) {
      requireNonNull(value, "value");
      if (value == KeyType.EC_P521) {
        throw new IllegalArgumentException(
            "key type EC P-521 is read and verified, not generated (expected EC P-256, EC P-384, RSA"
                + " or Ed25519)");
      }
      this.keyType = value;
      return this;
    }

    /**
     * Sets how the private key file is encoded (default {@link KeyFileFormat#COSIGN}, encrypted).
     *
     * @param value cosign's encrypted format, or unencrypted PKCS#8
     * @return this builder
     */
    public Builder fileFormat(KeyFileFormat value) {
      this.fileFormat = requireNonNull(value, "value");
      return this;
    }

    /**
     * Chooses whether existing key files may be replaced (default not: generation refuses to
     * overwrite).
     *
     * @param value {@code true} to replace files that already exist
     * @return this builder
     */
    public Builder overwrite(boolean value) {
      this.overwrite = value;
      return this;
    }

    /**
     * Also writes a self-signed code-signing test certificate with this subject common name.
     *
     * @param commonName the CN, not blank
     * @return this builder
     */
    public Builder testCertificate(String commonName) {
      requireNonNull(commonName, "commonName");
      if (commonName.isBlank()) {
        throw new IllegalArgumentException("test certificate common name must not be blank");
      }
      this.testCertificate = commonName;
      return this;
    }

    /**
     * Sets how long the test certificate is valid from now (default one year).
     *
     * @param value the validity period; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder certificateValidity(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("certificate validity must be positive (got " + value + ")");
      }
      this.certificateValidity = value;
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalStateException if a test certificate is asked for with an Ed25519 key, which
     *     Notary signatures cannot use
     */
    public KeyPairOptions build() {
      if (testCertificate != null && !CERTIFICATE_KEY_TYPES.contains(keyType)) {
        throw new IllegalStateException(
            "a Notary test certificate needs an RSA, EC P-256 or EC P-384 key (got "
                + keyType.displayName()
                + ")");
      }
      return new KeyPairOptions(this);
    }
  }
}
