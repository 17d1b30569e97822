package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.TrustedSigner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gate checks: the deployment files, and what it trusts — either a custody policy
 * (POLICY.md; every image must satisfy every stage) or a single trusted signer (what {@code custody
 * gate --key PUB} means: a one-stage policy "signed by this key").
 *
 * <pre>{@code
 * GateRequest request = GateRequest.builder()
 *     .file(Path.of("k8s/deployment.yaml"))
 *     .signer(custody.trustedKey("release", KeyRef.parse("cosign.pub")))
 *     .build();
 * }</pre>
 *
 * <p>The files are multi-document YAML (or JSON): Kubernetes {@code Pod}, {@code Deployment},
 * {@code ReplicaSet}, {@code StatefulSet}, {@code DaemonSet}, {@code ReplicationController}, {@code
 * Job}, {@code CronJob}, {@code List} kinds holding them, and Azure Container Instances container
 * groups. Immutable and thread-safe.
 */
public final class GateRequest {
  private final List<Path> files;
  private final Optional<CustodyPolicy> policy;
  private final Optional<TrustedSigner> signer;

  private GateRequest(Builder b) {
    this.files = List.copyOf(b.files);
    this.policy = Optional.ofNullable(b.policy);
    this.signer = Optional.ofNullable(b.signer);
  }

  /** {@return a builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the deployment files, in the order given; never empty} */
  public List<Path> files() {
    return files;
  }

  /** {@return the custody policy every image must satisfy, if the gate evaluates one} */
  public Optional<CustodyPolicy> policy() {
    return policy;
  }

  /** {@return the one signer every image must be signed by, if the gate checks a key} */
  public Optional<TrustedSigner> signer() {
    return signer;
  }

  @Override
  public String toString() {
    return "GateRequest[files="
        + files
        + (policy.isPresent()
            ? ", policy=" + policy.get().name()
            : ", signer=" + signer.orElseThrow().name())
        + "]";
  }

  /** Builds a {@link GateRequest}. Not thread-safe. */
  public static final class Builder {
    private final List<Path> files = new ArrayList<>();
    private CustodyPolicy policy;
    private TrustedSigner signer;

    private Builder() {}

    /**
     * Adds a deployment file.
     *
     * @param value the file
     * @return this builder
     */
    public Builder file(Path value) {
      files.add(requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds deployment files, after any added before, keeping their order.
     *
     * @param values the Kubernetes or Azure Container Instances YAML files, copied
     * @return this builder
     */
    public Builder files(List<Path> values) {
      files.addAll(List.copyOf(values));
      return this;
    }

    /**
     * Makes the gate evaluate a custody policy; exclusive with {@link #signer}.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder policy(CustodyPolicy value) {
      this.policy = requireNonNull(value, "value");
      return this;
    }

    /**
     * Makes the gate require a verified signature by one trusted signer; exclusive with {@link
     * #policy}.
     *
     * @param value the signer
     * @return this builder
     */
    public Builder signer(TrustedSigner value) {
      this.signer = requireNonNull(value, "value");
      return this;
    }

    /**
     * {@return the request}
     *
     * @throws IllegalStateException if no file was added, or not exactly one of a policy and a
     *     signer was given
     */
    public GateRequest build() {
      if (files.isEmpty()) {
        throw new IllegalStateException("GateRequest needs at least one file");
      }
      if ((policy == null) == (signer == null)) {
        throw new IllegalStateException("GateRequest needs exactly one of a policy and a signer");
      }
      return new GateRequest(this);
    }
  }
}
