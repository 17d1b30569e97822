package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of a custody policy (POLICY.md "A stage"): the kind of evidence that satisfies it, the
 * signers who may provide it and how many distinct ones must, conditions on the signed content,
 * and freshness. Stages are ordered: evidence for a stage must not be older than the evidence that
 * satisfied the stage before it.
 *
 * <pre>{@code
 * Stage approve = Stage.builder("approve")
 *     .attestation("https://custody.dev/attestation/approval/v1")
 *     .signers(List.of("alice", "bob", "carol"))
 *     .threshold(2)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Stage {
  private final String name;
  private final EvidenceKind kind;
  private final Optional<String> predicateType;
  private final Optional<SignatureFormat> signatureFormat;
  private final List<String> signers;
  private final int threshold;
  private final Optional<Duration> maxAge;
  private final List<Condition> conditions;

  private Stage(Builder b) {
    this.name = b.name;
    this.kind = b.kind;
    this.predicateType = Optional.ofNullable(b.predicateType);
    this.signatureFormat = Optional.ofNullable(b.signatureFormat);
    this.signers = List.copyOf(b.signers);
    this.threshold = b.threshold;
    this.maxAge = Optional.ofNullable(b.maxAge);
    this.conditions = List.copyOf(b.conditions);
  }

  /**
   * {@return a builder for a stage named {@code name}}
   *
   * @param name the stage name, which reports use to identify the stage
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@return the stage's name, unique within its policy} */
  public String name() {
    return name;
  }

  /** {@return whether the stage wants a signature or an attestation} */
  public EvidenceKind kind() {
    return kind;
  }

  /** {@return the predicate type an attestation must have; present for attestation stages} */
  public Optional<String> predicateType() {
    return predicateType;
  }

  /**
   * {@return the signature format a signature must have; empty for "any" and for attestation
   * stages}
   */
  public Optional<SignatureFormat> signatureFormat() {
    return signatureFormat;
  }

  /**
   * {@return whether evidence of this kind, format and type is a candidate for this stage}
   *
   * @param evidence verified evidence found for the image
   */
  public boolean accepts(Evidence evidence) {
    requireNonNull(evidence, "evidence");
    if (evidence.kind() != kind) {
      return false;
    }
    if (kind == EvidenceKind.ATTESTATION) {
      return evidence.predicateType().equals(predicateType);
    }
    return signatureFormat.isEmpty()
        || evidence.format().isEmpty()
        || evidence.format().equals(signatureFormat);
  }

  /** {@return the names of the signers who may provide the evidence, in policy order} */
  public List<String> signers() {
    return signers;
  }

  /** {@return how many distinct signers must each provide one piece of evidence (default 1)} */
  public int threshold() {
    return threshold;
  }

  /** {@return the maximum age of the evidence's signed time at evaluation, if limited} */
  public Optional<Duration> maxAge() {
    return maxAge;
  }

  /** {@return the conditions the signed content must meet, all of them} */
  public List<Condition> conditions() {
    return conditions;
  }

  /** {@return a builder initialised with this stage's values} */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.kind = kind;
    b.predicateType = predicateType.orElse(null);
    b.signatureFormat = signatureFormat.orElse(null);
    b.signers = new ArrayList<>(signers);
    b.threshold = threshold;
    b.maxAge = maxAge.orElse(null);
    b.conditions = new ArrayList<>(conditions);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Stage)) {
      return false;
    }
    Stage s = (Stage) o;
    return name.equals(s.name)
        && kind == s.kind
        && predicateType.equals(s.predicateType)
        && signatureFormat.equals(s.signatureFormat)
        && signers.equals(s.signers)
        && threshold == s.threshold
        && maxAge.equals(s.maxAge)
        && conditions.equals(s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, predicateType, signatureFormat, signers, threshold, maxAge);
  }

  /** {@return the name and what the stage asks for} */
  @Override
  public String toString() {
    String what =
        kind == EvidenceKind.ATTESTATION
            ? "attestation " + predicateType.get()
            : "signature " + signatureFormat.map(SignatureFormat::id).orElse("any");
    return name + ": " + what + ", " + threshold + " of " + signers;
  }

  /** Builds a {@link Stage}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private EvidenceKind kind;
    private String predicateType;
    private SignatureFormat signatureFormat;
    private List<String> signers = new ArrayList<>();
    private int threshold = 1;
    private Duration maxAge;
    private List<Condition> conditions = new ArrayList<>();

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    /**
     * Asks for an attestation of {@code type}.
     *
     * @param type the predicate type URI
     * @return this builder
     */
    public Builder attestation(String type) {
      requireNonNull(type, "type");
      this.kind = EvidenceKind.ATTESTATION;
      this.predicateType = type;
      this.signatureFormat = null;
      return this;
    }

    /**
     * Asks for a signature in {@code format}.
     *
     * @param format the required format
     * @return this builder
     */
    public Builder signature(SignatureFormat format) {
      requireNonNull(format, "format");
      this.kind = EvidenceKind.SIGNATURE;
      this.signatureFormat = format;
      this.predicateType = null;
      return this;
    }

    /**
     * Asks for a signature in any format ({@code format: any} in a policy file).
     *
     * @return this builder
     */
    public Builder anySignature() {
      this.kind = EvidenceKind.SIGNATURE;
      this.signatureFormat = null;
      this.predicateType = null;
      return this;
    }

    /**
     * Sets the signer names, replacing earlier ones.
     *
     * @param names the signer names, as declared in the policy
     * @return this builder
     */
    public Builder signers(List<String> names) {
      this.signers = new ArrayList<>(List.copyOf(requireNonNull(names, "names")));
      return this;
    }

    /**
     * Sets how many distinct signers are needed.
     *
     * @param value the number of distinct signers, at least 1
     * @return this builder
     */
    public Builder threshold(int value) {
      this.threshold = value;
      return this;
    }

    /**
     * Limits the age of the evidence.
     *
     * @param value the greatest age of the evidence's signed time
     * @return this builder
     */
    public Builder maxAge(Duration value) {
      this.maxAge = requireNonNull(value, "value");
      return this;
    }

    /**
     * Adds a condition.
     *
     * @param value the condition
     * @return this builder
     */
    public Builder condition(Condition value) {
      conditions.add(requireNonNull(value, "value"));
      return this;
    }

    /**
     * {@return the stage}
     *
     * @throws IllegalStateException naming the field if the name or the evidence kind is missing,
     *     the signer list is empty or has duplicates, the threshold is outside 1..signers, or
     *     maxAge is not positive
     */
    public Stage build() {
      String where = "stage \"" + name + "\": ";
      if (name.isEmpty()) {
        throw new IllegalStateException("stage name must not be empty");
      }
      if (kind == null) {
        throw new IllegalStateException(
            where + "set attestation(type), signature(format) or anySignature()");
      }
      if (kind == EvidenceKind.ATTESTATION && predicateType.isEmpty()) {
        throw new IllegalStateException(where + "predicateType must not be empty");
      }
      if (signers.isEmpty()) {
        throw new IllegalStateException(where + "signers must not be empty");
      }
      if (new HashSet<>(signers).size() != signers.size()) {
        throw new IllegalStateException(where + "signers lists a name twice: " + signers);
      }
      if (threshold < 1 || threshold > signers.size()) {
        throw new IllegalStateException(
            where + "threshold must be 1.." + signers.size() + ", got " + threshold);
      }
      if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
        throw new IllegalStateException(where + "maxAge must be positive, got " + maxAge);
      }
      return new Stage(this);
    }
  }
}
