package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.policy.SignatureFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to sign an image: the signature format, the annotations to sign with it, whether to sign
 * every platform manifest of an index, and where to store the signature. Immutable and
 * thread-safe; start from {@link #defaults()} (cosign format, legacy tag storage).
 */
public final class SignOptions {
  private static final SignOptions DEFAULTS = builder().build();

  private final SignatureFormat format;
  private final Map<String, String> annotations;
  private final boolean recursive;
  private final ReferrersMode referrersMode;
  private final List<Bytes> certificateChain;
  private final Optional<Duration> expiry;

  private SignOptions(Builder b) {
    this.format = b.format;
    this.annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.recursive = b.recursive;
    this.referrersMode = b.referrersMode;
    this.certificateChain = List.copyOf(b.certificateChain);
    this.expiry = Optional.ofNullable(b.expiry);
  }

  /** {@return cosign format, no annotations, not recursive, legacy storage} */
  public static SignOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the signature format} */
  public SignatureFormat format() {
    return format;
  }

  /** {@return annotations signed with the payload (cosign {@code -a key=value}); sorted by key} */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** {@return whether an index is signed together with every manifest it lists} */
  public boolean recursive() {
    return recursive;
  }

  /** {@return where cosign-format signatures are stored} */
  public ReferrersMode referrersMode() {
    return referrersMode;
  }

  /**
   * {@return the signer's DER certificate chain, leaf first}: required for Notary signatures, whose
   * envelope carries it ({@code x5c}); optional for cosign
   */
  public List<Bytes> certificateChain() {
    return certificateChain;
  }

  /** {@return how long a Notary signature stays valid, if it should expire} */
  public Optional<Duration> expiry() {
    return expiry;
  }

  /** Builds {@link SignOptions}. Not thread-safe. */
  public static final class Builder {
    private SignatureFormat format = SignatureFormat.COSIGN;
    private Map<String, String> annotations = Map.of();
    private boolean recursive;
    private ReferrersMode referrersMode = ReferrersMode.LEGACY;
    private List<Bytes> certificateChain = List.of();
    private Duration expiry;

    private Builder() {}

    /**
     * Sets the signature format (default {@link SignatureFormat#COSIGN}).
     *
     * @param value cosign or Notary Project
     * @return this builder
     */
    public Builder format(SignatureFormat value) {
      this.format = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the annotations signed with the payload, replacing any set before (default none).
     *
     * @param values the annotations, copied; no null keys or values
     * @return this builder
     */
    public Builder annotations(Map<String, String> values) {
      this.annotations = Map.copyOf(values);
      return this;
    }

    /**
     * Chooses whether an index is signed together with every manifest it lists (default not).
     *
     * @param value {@code true} to sign the index and each listed manifest, {@code false} for the
     *     index alone
     * @return this builder
     */
    public Builder recursive(boolean value) {
      this.recursive = value;
      return this;
    }

    /**
     * Sets where cosign-format signatures are stored (default {@link ReferrersMode#LEGACY}).
     *
     * @param value the storage mode
     * @return this builder
     */
    public Builder referrersMode(ReferrersMode value) {
      this.referrersMode = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the signer's certificate chain, required for Notary signatures.
     *
     * @param values DER-encoded certificates, leaf first; copied
     * @return this builder
     */
    public Builder certificateChain(List<Bytes> values) {
      this.certificateChain = List.copyOf(values);
      return this;
    }

    /**
     * Makes a Notary signature expire (by default it does not).
     *
     * @param value how long after signing the signature stays valid; positive
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public Builder expiry(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("expiry must be positive (got " + value + ")");
      }
      this.expiry = value;
      return this;
    }

    /** {@return the options} */
    public SignOptions build() {
      return new SignOptions(this);
    }
  }
}
