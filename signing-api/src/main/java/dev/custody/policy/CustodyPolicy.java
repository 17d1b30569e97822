package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed custody policy (POLICY.md): its name, the images it governs, named trusted signers, how
 * an image index is treated, and the ordered stages an image must have passed. Read from a file by
 * Custody's policy reader, which reports mistakes with their line and field; or built in code.
 *
 * <p>{@link #policyDigest()} is the SHA-256 of the exact policy file bytes, so a report names
 * precisely which policy it applied.
 *
 * <p>Immutable and thread-safe.
 */
public final class CustodyPolicy {
  private final String name;
  private final List<String> scopes;
  private final Map<String, TrustedSigner> signers;
  private final PlatformMode platforms;
  private final List<Stage> stages;
  private final Digest policyDigest;

  private CustodyPolicy(Builder b) {
    this.name = b.name;
    this.scopes = List.copyOf(b.scopes);
    this.signers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.signers));
    this.platforms = b.platforms;
    this.stages = List.copyOf(b.stages);
    this.policyDigest = b.policyDigest;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the policy's name} */
  public String name() {
    return name;
  }

  /** {@return the scope globs over {@code HOST/REPOSITORY} (or {@code oci:*}), in file order} */
  public List<String> scopes() {
    return scopes;
  }

  /** {@return the trusted signers in file order} */
  public List<TrustedSigner> signers() {
    return List.copyOf(signers.values());
  }

  /**
   * {@return the signer called {@code name}, if defined}
   *
   * @param name the signer name as defined in the policy file, matched exactly
   */
  public Optional<TrustedSigner> signer(String name) {
    return Optional.ofNullable(signers.get(requireNonNull(name, "name")));
  }

  /** {@return which manifests of an image index must satisfy the policy} */
  public PlatformMode platforms() {
    return platforms;
  }

  /** {@return the stages, in order} */
  public List<Stage> stages() {
    return stages;
  }

  /** {@return SHA-256 of the exact policy file bytes} */
  public Digest policyDigest() {
    return policyDigest;
  }

  /** {@return a builder initialised with this policy's values} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.scopes.addAll(scopes);
    b.signers.putAll(signers);
    b.platforms = platforms;
    b.stages.addAll(stages);
    b.policyDigest = policyDigest;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustodyPolicy)) {
      return false;
    }
    CustodyPolicy p = (CustodyPolicy) o;
    return name.equals(p.name)
        && scopes.equals(p.scopes)
        && signers.equals(p.signers)
        && platforms == p.platforms
        && stages.equals(p.stages)
        && policyDigest.equals(p.policyDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, policyDigest);
  }

  /** {@return the name and digest} */
  @Override
  public String toString() {
    return "CustodyPolicy[" + name + " " + policyDigest + ", " + stages.size() + " stages]";
  }

  /** Builds a {@link CustodyPolicy}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private final List<String> scopes = new ArrayList<>();
    private final Map<String, TrustedSigner> signers = new LinkedHashMap<>();
    private PlatformMode platforms = PlatformMode.INDEX;
    private final List<Stage> stages = new ArrayList<>();
    private Digest policyDigest;

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param value the policy name
     * @return this builder
     */
    public Builder name(String value) {
      this.name = requireNonNull(value, "value");
      return this;
    }

    /**
     * Adds a scope glob.
     *
     * @param glob an image reference glob the policy applies to
     * @return this builder
     */
    public Builder scope(String glob) {
      scopes.add(requireNonNull(glob, "glob"));
      return this;
    }

    /**
     * Adds a signer.
     *
     * @param signer the trusted signer
     * @return this builder
     */
    public Builder signer(TrustedSigner signer) {
      requireNonNull(signer, "signer");
      if (signers.putIfAbsent(signer.name(), signer) != null) {
        throw new IllegalArgumentException("signer \"" + signer.name() + "\" is defined twice");
      }
      return this;
    }

    /**
     * Sets the index mode (default {@link PlatformMode#INDEX}).
     *
     * @param mode how an image index is evaluated
     * @return this builder
     */
    public Builder platforms(PlatformMode mode) {
      this.platforms = requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Appends a stage.
     *
     * @param stage the next stage
     * @return this builder
     */
    public Builder stage(Stage stage) {
      stages.add(requireNonNull(stage, "stage"));
      return this;
    }

    /**
     * Sets the SHA-256 of the policy file bytes.
     *
     * @param digest the SHA-256 digest of the policy file
     * @return this builder
     */
    public Builder policyDigest(Digest digest) {
      this.policyDigest = requireNonNull(digest, "digest");
      return this;
    }

    /**
     * {@return the policy}
     *
     * @throws IllegalStateException naming the field if the name, a scope, a signer, a stage or
     *     the digest is missing, two stages share a name, a stage names an undefined signer, or a
     *     threshold exceeds the number of distinct signers (names sharing one key count once)
     */
    public CustodyPolicy build() {
      if (name == null || name.isEmpty()) {
        throw new IllegalStateException("policy name must not be empty");
      }
      if (scopes.isEmpty()) {
        throw new IllegalStateException("policy \"" + name + "\": scopes must not be empty");
      }
      if (signers.isEmpty()) {
        throw new IllegalStateException("policy \"" + name + "\": signers must not be empty");
      }
      if (stages.isEmpty()) {
        throw new IllegalStateException("policy \"" + name + "\": stages must not be empty");
      }
      if (policyDigest == null) {
        throw new IllegalStateException("policy \"" + name + "\": policyDigest is not set");
      }
      Set<String> stageNames = new HashSet<>();
      for (Stage stage : stages) {
        if (!stageNames.add(stage.name())) {
          throw new IllegalStateException("policy \"" + name + "\": two stages are named \"" + stage.name() + "\"");
        }
        Set<String> anchors = new HashSet<>();
        for (String signer : stage.signers()) {
          TrustedSigner trusted = signers.get(signer);
          if (trusted == null) {
            throw new IllegalStateException(
                "stage \"" + stage.name() + "\": signer \"" + signer + "\" is not defined");
          }
          anchors.add(trusted.anchorId());
        }
        if (stage.threshold() > anchors.size()) {
          throw new IllegalStateException(
              "stage \"" + stage.name() + "\": threshold " + stage.threshold()
                  + " exceeds the " + anchors.size()
                  + " distinct signers (names that share a key count once)");
        }
      }
      return new CustodyPolicy(this);
    }
  }
}
