package dev.custody.core.internal.formats.intoto;

import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalObject;
import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalString;
import static dev.custody.core.internal.formats.intoto.PredicateFields.require;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-toto vulns predicate v0.2 (FORMATS.md §6.6): scanner (uri required, optional db with a
 * required {@code lastUpdate}), a required result list (empty means no findings) whose entries need
 * an {@code id} and a {@code severity} list, and the required scan times.
 */
public final class InTotoVulnsV02 {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "in-toto vulns predicate";

  /**
   * One severity rating.
   *
   * @param method the rating method, e.g. {@code nvd} or {@code cvss_score}
   * @param score the score, e.g. {@code medium} or {@code 5.2}
   */
  public record Severity(String method, String score) {
    /** Checks the components. */
    public Severity {
      requireNonNull(method, "method");
      requireNonNull(score, "score");
    }
  }

  /**
   * One finding.
   *
   * @param id the vulnerability id, e.g. {@code CVE-2024-0001}
   * @param severity its ratings
   */
  public record Finding(String id, List<Severity> severity) {
    /** Checks the components. */
    public Finding {
      requireNonNull(id, "id");
      severity = List.copyOf(severity);
    }
  }

  private final String scannerUri;
  private final List<Finding> results;
  private final Instant scanStartedOn;
  private final Instant scanFinishedOn;

  private InTotoVulnsV02(
      String scannerUri, List<Finding> results, Instant scanStartedOn, Instant scanFinishedOn) {
    this.scannerUri = scannerUri;
    this.results = List.copyOf(results);
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
  public static InTotoVulnsV02 from(ObjectNode predicate) throws InvalidInputException {
    JsonView root = JsonView.of(predicate, WHAT).object();
    JsonView scanner = root.field("scanner").object();
    String uri = scanner.field("uri").nonEmptyString();
    optionalString(scanner, "version");
    Optional<JsonView> db = optionalObject(scanner, "db");
    if (db.isPresent()) {
      optionalString(db.get(), "uri");
      optionalString(db.get(), "version");
      db.get().field("lastUpdate").timestamp();
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonView r : scanner.field("result").array()) {
      r.object();
      String id = r.field("id").nonEmptyString();
      List<Severity> severities = new ArrayList<>();
      for (JsonView s : r.field("severity").array()) {
        s.object();
        severities.add(new Severity(s.field("method").string(), s.field("score").string()));
      }
      optionalObject(r, "annotations");
      findings.add(new Finding(id, severities));
    }
    JsonView metadata = root.field("metadata").object();
    Instant started = metadata.field("scanStartedOn").timestamp();
    Instant finished = metadata.field("scanFinishedOn").timestamp();
    return new InTotoVulnsV02(uri, findings, started, finished);
  }

  /** {@return {@code scanner.uri}} */
  public String scannerUri() {
    return scannerUri;
  }

  /** {@return the findings; empty means none} */
  public List<Finding> results() {
    return results;
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
    private String scannerUri;
    private String scannerVersion;
    private String dbUri;
    private String dbVersion;
    private Instant dbLastUpdate;
    private final List<Finding> results = new ArrayList<>();
    private final List<Map<String, JsonNode>> annotations = new ArrayList<>();
    private Instant scanStartedOn;
    private Instant scanFinishedOn;

    private Builder() {}

    /** Sets the scanner. @param uri the URI (required) @param version the version @return this */
    public Builder scanner(String uri, String version) {
      this.scannerUri = requireNonNull(uri, "uri");
      this.scannerVersion = requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the vulnerability database.
     *
     * @param uri its URI
     * @param version its version
     * @param lastUpdate when it was last updated (required by the spec when db is given)
     * @return this builder
     */
    public Builder db(String uri, String version, Instant lastUpdate) {
      this.dbUri = requireNonNull(uri, "uri");
      this.dbVersion = requireNonNull(version, "version");
      this.dbLastUpdate = requireNonNull(lastUpdate, "lastUpdate");
      return this;
    }

    /** Adds a finding. @param finding the finding @return this builder */
    public Builder finding(Finding finding) {
      return finding(finding, Map.of());
    }

    /**
     * Adds a finding with annotations. @param finding the finding @param notes its
     * annotations @return this
     */
    public Builder finding(Finding finding, Map<String, JsonNode> notes) {
      results.add(requireNonNull(finding, "finding"));
      annotations.add(new TreeMap<>(notes));
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
      ObjectNode scanner = root.putObject("scanner");
      scanner.put("uri", require(scannerUri, "scanner.uri"));
      if (!scannerVersion.isEmpty()) {
        scanner.put("version", scannerVersion);
      }
      if (dbLastUpdate != null) {
        ObjectNode db = scanner.putObject("db");
        db.put("uri", dbUri);
        db.put("version", dbVersion);
        db.put("lastUpdate", Rfc3339.format(dbLastUpdate));
      }
      ArrayNode result = scanner.putArray("result");
      for (int i = 0; i < results.size(); i++) {
        Finding f = results.get(i);
        ObjectNode r = result.addObject();
        r.put("id", f.id());
        ArrayNode sev = r.putArray("severity");
        for (Severity s : f.severity()) {
          ObjectNode n = sev.addObject();
          n.put("method", s.method());
          n.put("score", s.score());
        }
        if (!annotations.get(i).isEmpty()) {
          ObjectNode a = r.putObject("annotations");
          annotations.get(i).forEach((k, v) -> a.set(k, v.deepCopy()));
        }
      }
      ObjectNode metadata = root.putObject("metadata");
      metadata.put(
          "scanStartedOn", Rfc3339.format(require(scanStartedOn, "metadata.scanStartedOn")));
      metadata.put(
          "scanFinishedOn", Rfc3339.format(require(scanFinishedOn, "metadata.scanFinishedOn")));
      return root;
    }
  }
}
