package dev.custody.core.internal.formats.intoto;

import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalObject;
import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalString;
import static dev.custody.core.internal.formats.intoto.PredicateFields.require;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.Rfc3339;
import java.time.Instant;
import java.util.Optional;

/**
 * cosign's vulnerability predicate {@value PredicateTypes#COSIGN_VULN_V1} (FORMATS.md §6.5). The
 * builder writes the members in the order of cosign's Go structs, including the dotted {@code
 * builder.id} and {@code event_id}; the validator requires {@code scanner.uri} and both {@code
 * metadata} timestamps and keeps {@code scanner.result} (the scanner's own report) as a tree.
 */
public final class CosignVulnV1 {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "cosign vuln predicate";

  private final String scannerUri;
  private final Optional<String> scannerVersion;
  private final JsonNode result;
  private final Instant scanStartedOn;
  private final Instant scanFinishedOn;

  private CosignVulnV1(
      String scannerUri,
      Optional<String> scannerVersion,
      JsonNode result,
      Instant scanStartedOn,
      Instant scanFinishedOn) {
    this.scannerUri = scannerUri;
    this.scannerVersion = scannerVersion;
    this.result = result;
    this.scanStartedOn = scanStartedOn;
    this.scanFinishedOn = scanFinishedOn;
  }

  /** {@return a new builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates a predicate read from a statement.
   *
   * @param predicate the predicate object
   * @return the typed view
   * @throws InvalidInputException naming the first missing or mistyped field
   */
  public static CosignVulnV1 from(ObjectNode predicate) throws InvalidInputException {
    JsonView root = JsonView.of(predicate, WHAT).object();
    optionalObject(root, "invocation");
    JsonView scanner = root.field("scanner").object();
    String uri = scanner.field("uri").nonEmptyString();
    Optional<String> version = optionalString(scanner, "version");
    Optional<JsonView> db = optionalObject(scanner, "db");
    if (db.isPresent()) {
      optionalString(db.get(), "uri");
      optionalString(db.get(), "version");
    }
    Optional<JsonView> result = scanner.optionalField("result");
    JsonView metadata = root.field("metadata").object();
    Instant started = metadata.field("scanStartedOn").timestamp();
    Instant finished = metadata.field("scanFinishedOn").timestamp();
    return new CosignVulnV1(
        uri,
        version,
        result.isPresent() ? result.get().tree() : NullNode.getInstance(),
        started,
        finished);
  }

  /** {@return {@code scanner.uri}} */
  public String scannerUri() {
    return scannerUri;
  }

  /** {@return {@code scanner.version}, if given} */
  public Optional<String> scannerVersion() {
    return scannerVersion;
  }

  /** {@return a copy of {@code scanner.result}, JSON null when absent} */
  public JsonNode result() {
    return result.deepCopy();
  }

  /** {@return {@code metadata.scanStartedOn}} */
  public Instant scanStartedOn() {
    return scanStartedOn;
  }

  /** {@return {@code metadata.scanFinishedOn} (the signed time, POLICY.md)} */
  public Instant scanFinishedOn() {
    return scanFinishedOn;
  }

  /** Builds the predicate JSON. Not thread-safe. */
  public static final class Builder {
    private JsonNode invocationParameters = NullNode.getInstance();
    private String invocationUri = "";
    private String eventId = "";
    private String builderId = "";
    private String scannerUri;
    private String scannerVersion = "";
    private String dbUri = "";
    private String dbVersion = "";
    private JsonNode result = NODES.objectNode();
    private Instant scanStartedOn;
    private Instant scanFinishedOn;

    private Builder() {}

    /**
     * Sets the invocation members (all optional; cosign writes empty strings and null).
     *
     * @param parameters {@code invocation.parameters}
     * @param uri {@code invocation.uri}
     * @param eventId {@code invocation.event_id}
     * @param builderId {@code invocation.builder.id}
     * @return this builder
     */
    public Builder invocation(JsonNode parameters, String uri, String eventId, String builderId) {
      this.invocationParameters = requireNonNull(parameters, "parameters").deepCopy();
      this.invocationUri = requireNonNull(uri, "uri");
      this.eventId = requireNonNull(eventId, "eventId");
      this.builderId = requireNonNull(builderId, "builderId");
      return this;
    }

    /**
     * Sets the scanner (uri required). @param uri the URI @param version the version @return this
     */
    public Builder scanner(String uri, String version) {
      this.scannerUri = requireNonNull(uri, "uri");
      this.scannerVersion = requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the vulnerability database. @param uri the URI @param version the version @return this
     */
    public Builder db(String uri, String version) {
      this.dbUri = requireNonNull(uri, "uri");
      this.dbVersion = requireNonNull(version, "version");
      return this;
    }

    /** Sets the scanner's native report. @param value any JSON @return this builder */
    public Builder result(JsonNode value) {
      this.result = requireNonNull(value, "value").deepCopy();
      return this;
    }

    /** Sets the scan times (required). @param started start @param finished end @return this */
    public Builder scanTimes(Instant started, Instant finished) {
      this.scanStartedOn = requireNonNull(started, "started");
      this.scanFinishedOn = requireNonNull(finished, "finished");
      return this;
    }

    /**
     * Builds the predicate.
     *
     * @return a fresh predicate object
     * @throws IllegalStateException if the scanner URI or scan times are missing
     */
    public ObjectNode build() {
      ObjectNode root = NODES.objectNode();
      ObjectNode inv = root.putObject("invocation");
      inv.set("parameters", invocationParameters.deepCopy());
      inv.put("uri", invocationUri);
      inv.put("event_id", eventId);
      inv.put("builder.id", builderId);
      ObjectNode scanner = root.putObject("scanner");
      scanner.put("uri", require(scannerUri, "scanner.uri"));
      scanner.put("version", scannerVersion);
      ObjectNode db = scanner.putObject("db");
      db.put("uri", dbUri);
      db.put("version", dbVersion);
      scanner.set("result", result.deepCopy());
      ObjectNode metadata = root.putObject("metadata");
      metadata.put(
          "scanStartedOn", Rfc3339.format(require(scanStartedOn, "metadata.scanStartedOn")));
      metadata.put(
          "scanFinishedOn", Rfc3339.format(require(scanFinishedOn, "metadata.scanFinishedOn")));
      return root;
    }
  }
}
