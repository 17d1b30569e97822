package dev.custody.core.internal.formats.intoto;

import static dev.custody.core.internal.formats.intoto.PredicateFields.descriptors;
import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalObject;
import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalString;
import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalTimestamp;
import static dev.custody.core.internal.formats.intoto.PredicateFields.putDescriptors;
import static dev.custody.core.internal.formats.intoto.PredicateFields.require;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLSA Provenance v1 (FORMATS.md §6.2): a builder for the predicate and a validator that checks the
 * fields required at Build L1 ({@code buildDefinition.buildType}, {@code
 * buildDefinition.externalParameters}, {@code runDetails.builder.id}) and the types of the optional
 * ones. Immutable view of a validated predicate.
 */
public final class SlsaProvenanceV1 {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "SLSA provenance v1 predicate";

  private final String buildType;
  private final ObjectNode externalParameters;
  private final List<ResourceDescriptor> resolvedDependencies;
  private final String builderId;
  private final Map<String, String> builderVersion;
  private final Optional<String> invocationId;
  private final Optional<Instant> startedOn;
  private final Optional<Instant> finishedOn;

  private SlsaProvenanceV1(
      String buildType,
      ObjectNode externalParameters,
      List<ResourceDescriptor> resolvedDependencies,
      String builderId,
      Map<String, String> builderVersion,
      Optional<String> invocationId,
      Optional<Instant> startedOn,
      Optional<Instant> finishedOn) {
    this.buildType = buildType;
    this.externalParameters = externalParameters;
    this.resolvedDependencies = List.copyOf(resolvedDependencies);
    this.builderId = builderId;
    this.builderVersion = Collections.unmodifiableMap(new LinkedHashMap<>(builderVersion));
    this.invocationId = invocationId;
    this.startedOn = startedOn;
    this.finishedOn = finishedOn;
  }

  /** {@return a new builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates a predicate read from a statement.
   *
   * @param predicate the predicate object
   * @return the typed view of its key fields
   * @throws InvalidInputException naming the first missing or mistyped field
   */
  public static SlsaProvenanceV1 from(ObjectNode predicate) throws InvalidInputException {
    JsonView root = JsonView.of(predicate, WHAT).object();
    JsonView def = root.field("buildDefinition").object();
    String buildType = def.field("buildType").nonEmptyString();
    ObjectNode external = (ObjectNode) def.field("externalParameters").object().tree();
    optionalObject(def, "internalParameters");
    List<ResourceDescriptor> deps = descriptors(def, "resolvedDependencies");
    JsonView run = root.field("runDetails").object();
    JsonView builder = run.field("builder").object();
    String builderId = builder.field("id").nonEmptyString();
    Map<String, String> version = new LinkedHashMap<>();
    Optional<JsonView> v = builder.optionalField("version");
    if (v.isPresent()) {
      version = v.get().stringMap();
    }
    descriptors(builder, "builderDependencies");
    Optional<String> invocationId = Optional.empty();
    Optional<Instant> startedOn = Optional.empty();
    Optional<Instant> finishedOn = Optional.empty();
    Optional<JsonView> metadata = optionalObject(run, "metadata");
    if (metadata.isPresent()) {
      invocationId = optionalString(metadata.get(), "invocationId");
      startedOn = optionalTimestamp(metadata.get(), "startedOn");
      finishedOn = optionalTimestamp(metadata.get(), "finishedOn");
    }
    descriptors(run, "byproducts");
    return new SlsaProvenanceV1(
        buildType, external, deps, builderId, version, invocationId, startedOn, finishedOn);
  }

  /** {@return {@code buildDefinition.buildType}} */
  public String buildType() {
    return buildType;
  }

  /** {@return a copy of {@code buildDefinition.externalParameters}} */
  public ObjectNode externalParameters() {
    return externalParameters.deepCopy();
  }

  /** {@return {@code buildDefinition.resolvedDependencies}; possibly empty} */
  public List<ResourceDescriptor> resolvedDependencies() {
    return resolvedDependencies;
  }

  /** {@return {@code runDetails.builder.id}} */
  public String builderId() {
    return builderId;
  }

  /** {@return {@code runDetails.builder.version}; possibly empty} */
  public Map<String, String> builderVersion() {
    return builderVersion;
  }

  /** {@return {@code runDetails.metadata.invocationId}, if given} */
  public Optional<String> invocationId() {
    return invocationId;
  }

  /** {@return {@code runDetails.metadata.startedOn}, if given} */
  public Optional<Instant> startedOn() {
    return startedOn;
  }

  /** {@return {@code runDetails.metadata.finishedOn}, if given (the signed time, POLICY.md)} */
  public Optional<Instant> finishedOn() {
    return finishedOn;
  }

  /** Builds the predicate JSON. Not thread-safe. */
  public static final class Builder {
    private String buildType;
    private ObjectNode externalParameters = NODES.objectNode();
    private ObjectNode internalParameters;
    private final List<ResourceDescriptor> resolvedDependencies = new ArrayList<>();
    private String builderId;
    private final Map<String, String> builderVersion = new LinkedHashMap<>();
    private final List<ResourceDescriptor> builderDependencies = new ArrayList<>();
    private String invocationId;
    private Instant startedOn;
    private Instant finishedOn;
    private final List<ResourceDescriptor> byproducts = new ArrayList<>();

    private Builder() {}

    /** Sets the build type URI (required). @param value the URI @return this builder */
    public Builder buildType(String value) {
      this.buildType = requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the external parameters (required, may be empty). @param value an object @return this
     */
    public Builder externalParameters(ObjectNode value) {
      this.externalParameters = requireNonNull(value, "value").deepCopy();
      return this;
    }

    /** Sets the internal parameters. @param value an object @return this builder */
    public Builder internalParameters(ObjectNode value) {
      this.internalParameters = requireNonNull(value, "value").deepCopy();
      return this;
    }

    /** Adds a resolved dependency. @param value the descriptor @return this builder */
    public Builder resolvedDependency(ResourceDescriptor value) {
      resolvedDependencies.add(requireNonNull(value, "value"));
      return this;
    }

    /** Sets the builder id URI (required). @param value the URI @return this builder */
    public Builder builderId(String value) {
      this.builderId = requireNonNull(value, "value");
      return this;
    }

    /**
     * Adds a builder version entry. @param component the name @param version the version @return
     * this
     */
    public Builder builderVersion(String component, String version) {
      builderVersion.put(
          requireNonNull(component, "component"), requireNonNull(version, "version"));
      return this;
    }

    /** Adds a builder dependency. @param value the descriptor @return this builder */
    public Builder builderDependency(ResourceDescriptor value) {
      builderDependencies.add(requireNonNull(value, "value"));
      return this;
    }

    /** Sets the invocation id. @param value the id @return this builder */
    public Builder invocationId(String value) {
      this.invocationId = requireNonNull(value, "value");
      return this;
    }

    /** Sets when the build started. @param value the time @return this builder */
    public Builder startedOn(Instant value) {
      this.startedOn = requireNonNull(value, "value");
      return this;
    }

    /** Sets when the build finished. @param value the time @return this builder */
    public Builder finishedOn(Instant value) {
      this.finishedOn = requireNonNull(value, "value");
      return this;
    }

    /** Adds a byproduct. @param value the descriptor @return this builder */
    public Builder byproduct(ResourceDescriptor value) {
      byproducts.add(requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the predicate in the field order of the SLSA specification.
     *
     * @return a fresh predicate object
     * @throws IllegalStateException if buildType or builderId is missing
     */
    public ObjectNode build() {
      ObjectNode root = NODES.objectNode();
      ObjectNode def = root.putObject("buildDefinition");
      def.put("buildType", require(buildType, "buildDefinition.buildType"));
      def.set("externalParameters", externalParameters.deepCopy());
      if (internalParameters != null) {
        def.set("internalParameters", internalParameters.deepCopy());
      }
      putDescriptors(def, "resolvedDependencies", resolvedDependencies);
      ObjectNode run = root.putObject("runDetails");
      ObjectNode b = run.putObject("builder");
      b.put("id", require(builderId, "runDetails.builder.id"));
      if (!builderVersion.isEmpty()) {
        ObjectNode v = b.putObject("version");
        builderVersion.forEach(v::put);
      }
      putDescriptors(b, "builderDependencies", builderDependencies);
      if (invocationId != null || startedOn != null || finishedOn != null) {
        ObjectNode m = run.putObject("metadata");
        if (invocationId != null) {
          m.put("invocationId", invocationId);
        }
        if (startedOn != null) {
          m.put("startedOn", Rfc3339.format(startedOn));
        }
        if (finishedOn != null) {
          m.put("finishedOn", Rfc3339.format(finishedOn));
        }
      }
      putDescriptors(run, "byproducts", byproducts);
      return root;
    }
  }
}
