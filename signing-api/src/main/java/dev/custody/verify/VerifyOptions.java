package dev.custody.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.SignatureFormat;
import dev.custody.policy.TrustedSigner;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a signature verification trusts and requires. Immutable and thread-safe.
 *
 * <p>Trust is either a list of {@link TrustedSigner}s (public keys, or certificate roots with a
 * subject pattern) or a Notary Project trust policy with its trust store directory; both may be
 * given. A signature counts only if it verifies cryptographically against trusted material with
 * the algorithm that material fixes, names exactly the image digest, and carries every required
 * annotation.
 */
public final class VerifyOptions {
  /** The default bound on signatures examined per manifest. */
  public static final int DEFAULT_MAX_SIGNATURES = 100;

  private final List<TrustedSigner> signers;
  private final Optional<Path> trustPolicy;
  private final Optional<Path> trustStore;
  private final Map<String, String> requiredAnnotations;
  private final Set<SignatureFormat> formats;
  private final boolean requireAllPlatforms;
  private final int maxSignatures;

  private VerifyOptions(Builder b) {
    this.signers = List.copyOf(b.signers);
    this.trustPolicy = Optional.ofNullable(b.trustPolicy);
    this.trustStore = Optional.ofNullable(b.trustStore);
    this.requiredAnnotations = java.util.Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.formats = java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.formats));
    this.requireAllPlatforms = b.requireAllPlatforms;
    this.maxSignatures = b.maxSignatures;
  }

  /** {@return a builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the trusted keys and certificate identities; possibly empty when a trust policy is set} */
  public List<TrustedSigner> signers() {
    return signers;
  }

  /** {@return the Notary trust policy file ({@code trustpolicy.json}), if given} */
  public Optional<Path> trustPolicy() {
    return trustPolicy;
  }

  /** {@return the Notary trust store directory (holding {@code x509/ca/<name>/…}), if given} */
  public Optional<Path> trustStore() {
    return trustStore;
  }

  /** {@return annotations every accepted cosign signature must carry with these values} */
  public Map<String, String> requiredAnnotations() {
    return requiredAnnotations;
  }

  /** {@return the signature formats considered (all by default)} */
  public Set<SignatureFormat> formats() {
    return formats;
  }

  /** {@return whether every platform manifest of an index must be signed too} */
  public boolean requireAllPlatforms() {
    return requireAllPlatforms;
  }

  /** {@return the largest number of signatures examined per manifest; more is an error} */
  public int maxSignatures() {
    return maxSignatures;
  }

  /** Builds {@link VerifyOptions}. Not thread-safe. */
  public static final class Builder {
    private List<TrustedSigner> signers = List.of();
    private Path trustPolicy;
    private Path trustStore;
    private Map<String, String> annotations = Map.of();
    private Set<SignatureFormat> formats = EnumSet.allOf(SignatureFormat.class);
    private boolean requireAllPlatforms;
    private int maxSignatures = DEFAULT_MAX_SIGNATURES;

    private Builder() {}

    /**
     * Sets the trusted public keys and certificate identities, replacing any set before.
     *
     * @param values the signers, copied; may be empty only if a Notary trust policy is given
     * @return this builder
     */
    public Builder signers(List<TrustedSigner> values) {
      this.signers = List.copyOf(values);
      return this;
    }

    /**
     * Uses a Notary trust policy and store.
     *
     * @param policy the {@code trustpolicy.json} file
     * @param store the trust store directory
     * @return this builder
     */
    public Builder notaryTrust(Path policy, Path store) {
      this.trustPolicy = requireNonNull(policy, "policy");
      this.trustStore = requireNonNull(store, "store");
      return this;
    }

    /**
     * Requires every accepted cosign signature to carry these annotations with these values.
     *
     * @param values the required annotations, copied; empty (the default) requires none
     * @return this builder
     */
    public Builder requiredAnnotations(Map<String, String> values) {
      this.annotations = Map.copyOf(values);
      return this;
    }

    /**
     * Limits the signature formats considered (default all); signatures of other formats are
     * ignored.
     *
     * @param values the formats to consider, at least one
     * @return this builder
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public Builder formats(Set<SignatureFormat> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("formats must name at least one format");
      }
      this.formats = EnumSet.copyOf(values);
      return this;
    }

    /**
     * Chooses whether every platform manifest of an index must be signed too (default not).
     *
     * @param value {@code true} to require a trusted signature on each listed manifest as well as
     *     on the index
     * @return this builder
     */
    public Builder requireAllPlatforms(boolean value) {
      this.requireAllPlatforms = value;
      return this;
    }

    /**
     * Bounds the signatures examined per manifest (default {@value VerifyOptions#DEFAULT_MAX_SIGNATURES}); more
     * is an error rather than silently ignored.
     *
     * @param value the largest number examined, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public Builder maxSignatures(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxSignatures must be at least 1 (got " + value + ")");
      }
      this.maxSignatures = value;
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalStateException if neither signers nor a trust policy were given
     */
    public VerifyOptions build() {
      if (signers.isEmpty() && trustPolicy == null) {
        throw new IllegalStateException("VerifyOptions needs trusted signers or a Notary trust policy");
      }
      return new VerifyOptions(this);
    }
  }
}
