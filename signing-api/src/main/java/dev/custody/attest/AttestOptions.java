package dev.custody.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.sign.ReferrersMode;

/**
 * How to store an attestation: in cosign's legacy {@code sha256-<hex>.att} tag (the default, what
 * cosign up to v2 and most verifiers read) or as an OCI 1.1 referrer carrying a Sigstore bundle
 * v0.3 (cosign v3), and whether every platform manifest of an index is attested too. Verification
 * always reads both storage modes. Immutable and thread-safe.
 */
public final class AttestOptions {
  private static final AttestOptions DEFAULTS = builder().build();

  private final ReferrersMode referrersMode;
  private final boolean recursive;

  private AttestOptions(Builder b) {
    this.referrersMode = b.referrersMode;
    this.recursive = b.recursive;
  }

  /** {@return legacy {@code .att} storage, not recursive} */
  public static AttestOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return where the attestation is stored} */
  public ReferrersMode referrersMode() {
    return referrersMode;
  }

  /**
   * {@return whether an index is attested together with every manifest it lists}; each statement
   * then names exactly one manifest digest
   */
  public boolean recursive() {
    return recursive;
  }

  @Override
  public String toString() {
    return "AttestOptions[" + referrersMode + (recursive ? ", recursive" : "") + "]";
  }

  /** Builds {@link AttestOptions}. Not thread-safe. */
  public static final class Builder {
    private ReferrersMode referrersMode = ReferrersMode.LEGACY;
    private boolean recursive;

    private Builder() {}

    /** Sets the storage mode. @param value the mode @return this builder */
    public Builder referrersMode(ReferrersMode value) {
      this.referrersMode = requireNonNull(value, "value");
      return this;
    }

    /** Attests every manifest of an index too. @param value whether to @return this builder */
    public Builder recursive(boolean value) {
      this.recursive = value;
      return this;
    }

    /** {@return the options} */
    public AttestOptions build() {
      return new AttestOptions(this);
    }
  }
}
