package dev.custody.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.CustodyPolicy;
import dev.custody.sign.ReferrersMode;
import java.util.Optional;

/**
 * How to promote: the policy the source must pass first (optional; its digest is then recorded in
 * the promotion statement as {@code policyDigest}), and where the promotion attestation is stored
 * at the destination. Immutable and thread-safe.
 *
 * <pre>{@code
 * PromoteOptions options = PromoteOptions.builder().policy(custody.readPolicy(stagingPolicy)).build();
 * }</pre>
 */
public final class PromoteOptions {
  private static final PromoteOptions DEFAULTS = builder().build();

  private final Optional<CustodyPolicy> policy;
  private final ReferrersMode referrersMode;

  private PromoteOptions(Builder b) {
    this.policy = Optional.ofNullable(b.policy);
    this.referrersMode = b.referrersMode;
  }

  /** {@return no policy, the promotion attestation stored in cosign's legacy {@code .att} tag} */
  public static PromoteOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the policy the source image must pass before it is copied}; when present, a failed
   * verdict stops the promotion before anything is written, and the statement records the policy's
   * digest
   */
  public Optional<CustodyPolicy> policy() {
    return policy;
  }

  /** {@return where the promotion attestation is stored at the destination} */
  public ReferrersMode referrersMode() {
    return referrersMode;
  }

  @Override
  public String toString() {
    return "PromoteOptions["
        + policy.map(p -> "policy " + p.name() + ", ").orElse("")
        + referrersMode
        + "]";
  }

  /** Builds {@link PromoteOptions}. Not thread-safe. */
  public static final class Builder {
    private CustodyPolicy policy;
    private ReferrersMode referrersMode = ReferrersMode.LEGACY;

    private Builder() {}

    /**
     * Requires the source to pass {@code value} before promotion.
     *
     * @param value the policy governing the source repository
     * @return this builder
     */
    public Builder policy(CustodyPolicy value) {
      this.policy = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how the promotion attestation is stored at the destination (default {@link
     * ReferrersMode#LEGACY}).
     *
     * @param value the storage mode
     * @return this builder
     */
    public Builder referrersMode(ReferrersMode value) {
      this.referrersMode = requireNonNull(value, "value");
      return this;
    }

    /** {@return the options} */
    public PromoteOptions build() {
      return new PromoteOptions(this);
    }
  }
}
