package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.policy.PolicyNode.Field;
import dev.custody.core.internal.policy.PolicyNode.ListNode;
import dev.custody.core.internal.policy.PolicyNode.MapNode;
import dev.custody.core.internal.policy.PolicyNode.ScalarNode;
import dev.custody.oci.Digest;
import dev.custody.policy.Condition;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.Scalar;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a custody policy file (YAML or JSON, POLICY.md "Policy file") strictly: unknown keys,
 * unknown operators, wrong types, empty signer lists, bad thresholds, durations, globs, times and
 * key files, undefined or duplicate names — each an {@link InvalidInputException} naming the line
 * and the field. Key and certificate paths are relative to the policy file.
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyReader {
  /** The largest policy file accepted. */
  public static final int MAX_POLICY_BYTES = 1024 * 1024;

  static final String API_VERSION = "custody/v1";
  static final String KIND = "CustodyPolicy";

  private static final Set<String> ROOT_KEYS =
      Set.of("apiVersion", "kind", "name", "scopes", "signers", "platforms", "stages");
  private static final Set<String> SIGNER_KEYS =
      Set.of("publicKey", "certificateRoots", "subject", "validFrom", "validUntil");
  private static final Set<String> STAGE_KEYS =
      Set.of("name", "attestation", "signature", "signers", "threshold", "maxAge", "conditions");

  private final String what;
  private final Path baseDir;

  private PolicyReader(String what, Path baseDir) {
    this.what = what;
    this.baseDir = baseDir;
  }

  /**
   * Reads and validates a policy file.
   *
   * @param file the policy file; key paths are resolved against its directory
   * @return the policy, whose digest is SHA-256 of the file's bytes
   * @throws InvalidInputException if the file cannot be read, is too large, or is invalid; the
   *     message names the line and field
   */
  public static CustodyPolicy read(Path file) throws InvalidInputException {
    requireNonNull(file, "file");
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_POLICY_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Reason.IO, "read policy " + file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(Reason.IO, "read policy " + file + ": " + e.getMessage());
    }
    if (content.length > MAX_POLICY_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read policy " + file + ": larger than " + MAX_POLICY_BYTES + " bytes");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(Bytes.of(content), file.toString(), dir);
  }

  /**
   * Parses and validates policy bytes.
   *
   * @param content the exact file bytes; JSON if {@code what} ends in {@code .json} or the content
   *     starts with <code>{</code>, YAML otherwise
   * @param what the file name, for messages
   * @param baseDir the directory key and certificate paths are relative to
   * @return the policy
   * @throws InvalidInputException naming the line and field of the first mistake
   */
  public static CustodyPolicy parse(Bytes content, String what, Path baseDir)
      throws InvalidInputException {
    requireNonNull(content, "content");
    requireNonNull(what, "what");
    requireNonNull(baseDir, "baseDir");
    if (content.size() > MAX_POLICY_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED, "read policy " + what + ": larger than " + MAX_POLICY_BYTES + " bytes");
    }
    boolean json = what.endsWith(".json") || content.asUtf8().stripLeading().startsWith("{");
    MapNode root = PolicyTreeParser.parse(content, json, what);
    return new PolicyReader(what, baseDir).policy(root, Digest.of(content));
  }

  private CustodyPolicy policy(MapNode root, Digest digest) throws InvalidInputException {
    checkKeys(root, "", ROOT_KEYS);
    String apiVersion = string(required(root, "", "apiVersion"), "apiVersion");
    if (!apiVersion.equals(API_VERSION)) {
      throw error(root.fields().get("apiVersion").line(), "apiVersion",
          "unsupported version (expected " + API_VERSION + ", got \"" + shorten(apiVersion) + "\")");
    }
    String kind = string(required(root, "", "kind"), "kind");
    if (!kind.equals(KIND)) {
      throw error(root.fields().get("kind").line(), "kind",
          "unsupported kind (expected " + KIND + ", got \"" + shorten(kind) + "\")");
    }
    CustodyPolicy.Builder policy = CustodyPolicy.builder().policyDigest(digest);
    policy.name(nonEmptyString(required(root, "", "name"), "name"));

    ListNode scopes = nonEmptyList(required(root, "", "scopes"), "scopes");
    for (int i = 0; i < scopes.items().size(); i++) {
      String field = "scopes[" + i + "]";
      PolicyNode item = scopes.items().get(i);
      String glob = string(item, field);
      Optional<String> problem = ScopeGlob.problem(glob);
      if (problem.isPresent()) {
        throw error(item.line(), field, "invalid scope \"" + shorten(glob) + "\": " + problem.get());
      }
      policy.scope(glob);
    }

    Map<String, TrustedSigner> signers = signers(required(root, "", "signers"));
    signers.values().forEach(policy::signer);

    Optional<Field> platforms = Optional.ofNullable(root.fields().get("platforms"));
    if (platforms.isPresent()) {
      String mode = string(platforms.get().value(), "platforms");
      policy.platforms(
          PlatformMode.fromId(mode)
              .orElseThrow(() -> error(platforms.get().value().line(), "platforms",
                  "unknown mode (expected index, all or both, got \"" + shorten(mode) + "\")")));
    }

    ListNode stages = nonEmptyList(required(root, "", "stages"), "stages");
    Set<String> stageNames = new HashSet<>();
    for (int i = 0; i < stages.items().size(); i++) {
      Stage stage = stage(stages.items().get(i), "stages[" + i + "]", signers);
      if (!stageNames.add(stage.name())) {
        MapNode node = (MapNode) stages.items().get(i);
        throw error(node.fields().get("name").line(), "stages[" + i + "].name",
            "duplicate stage name \"" + shorten(stage.name()) + "\"");
      }
      policy.stage(stage);
    }
    try {
      return policy.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Every rule build() checks was checked above with a line; this is a safety net.
      throw error(root.line(), "", e.getMessage());
    }
  }

  private Map<String, TrustedSigner> signers(PolicyNode node) throws InvalidInputException {
    MapNode map = map(node, "signers");
    if (map.fields().isEmpty()) {
      throw error(node.line(), "signers", "at least one signer must be defined");
    }
    Map<String, TrustedSigner> out = new java.util.LinkedHashMap<>();
    for (Field f : map.fields().values()) {
      String field = "signers." + f.key();
      if (f.key().isEmpty()) {
        throw error(f.line(), "signers", "a signer name must not be empty");
      }
      MapNode s = map(f.value(), field);
      checkKeys(s, field, SIGNER_KEYS);
      Field publicKey = s.fields().get("publicKey");
      Field roots = s.fields().get("certificateRoots");
      Field subject = s.fields().get("subject");
      TrustedSigner signer;
      if (publicKey != null && roots != null) {
        throw error(roots.line(), field + ".certificateRoots",
            "a signer is either publicKey or certificateRoots + subject, not both");
      } else if (publicKey != null) {
        if (subject != null) {
          throw error(subject.line(), field + ".subject", "subject belongs to certificateRoots, not publicKey");
        }
        Path path = path(publicKey, field + ".publicKey");
        try {
          signer = TrustedSigner.publicKey(f.key(), PolicyKeyFiles.readPublicKey(path));
        } catch (IOException e) {
          throw keyFileError(publicKey, field + ".publicKey", path, e);
        }
      } else if (roots != null) {
        if (subject == null) {
          throw error(s.line(), field + ".subject",
              "missing field (certificateRoots needs a subject DN pattern)");
        }
        List<Bytes> certificates = new ArrayList<>();
        List<PolicyNode> files =
            roots.value() instanceof ListNode
                ? nonEmptyList(roots.value(), field + ".certificateRoots").items()
                : List.of(roots.value());
        for (PolicyNode file : files) {
          Field one = new Field(roots.key(), file.line(), file);
          Path path = path(one, field + ".certificateRoots");
          try {
            certificates.addAll(PolicyKeyFiles.readCertificates(path));
          } catch (IOException e) {
            throw keyFileError(one, field + ".certificateRoots", path, e);
          }
        }
        String pattern = nonEmptyString(subject.value(), field + ".subject");
        try {
          signer = TrustedSigner.certificate(f.key(), certificates, pattern);
        } catch (IllegalArgumentException e) {
          throw error(subject.value().line(), field + ".subject", e.getMessage());
        }
      } else {
        throw error(s.line(), field, "missing field (expected publicKey, or certificateRoots and subject)");
      }
      Optional<Instant> from = instant(s, "validFrom", field);
      Optional<Instant> until = instant(s, "validUntil", field);
      if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
        throw error(s.fields().get("validUntil").line(), field + ".validUntil",
            "the window is empty (expected a time after validFrom " + from.get() + ", got " + until.get() + ")");
      }
      if (from.isPresent()) {
        signer = signer.withValidFrom(from.get());
      }
      if (until.isPresent()) {
        signer = signer.withValidUntil(until.get());
      }
      out.put(f.key(), signer);
    }
    return out;
  }

  private Stage stage(PolicyNode node, String field, Map<String, TrustedSigner> signers)
      throws InvalidInputException {
    MapNode s = map(node, field);
    checkKeys(s, field, STAGE_KEYS);
    String name = nonEmptyString(required(s, field, "name"), field + ".name");
    Stage.Builder stage = Stage.builder(name);
    Field attestation = s.fields().get("attestation");
    Field signature = s.fields().get("signature");
    if (attestation != null && signature != null) {
      throw error(signature.line(), field + ".signature", "a stage asks for an attestation or a signature, not both");
    } else if (attestation != null) {
      MapNode a = map(attestation.value(), field + ".attestation");
      checkKeys(a, field + ".attestation", Set.of("predicateType"));
      stage.attestation(
          nonEmptyString(required(a, field + ".attestation", "predicateType"), field + ".attestation.predicateType"));
    } else if (signature != null) {
      MapNode sig = map(signature.value(), field + ".signature");
      checkKeys(sig, field + ".signature", Set.of("format"));
      Field format = sig.fields().get("format");
      stage.anySignature();
      if (format != null) {
        String id = string(format.value(), field + ".signature.format");
        if (!id.equals("any")) {
          stage.signature(SignatureFormat.fromId(id).orElseThrow(() -> error(format.value().line(),
              field + ".signature.format",
              "unknown format (expected cosign, notation or any, got \"" + shorten(id) + "\")")));
        }
      }
    } else {
      throw error(s.line(), field, "missing field (expected attestation or signature)");
    }

    PolicyNode signerList = required(s, field, "signers");
    ListNode names = list(signerList, field + ".signers");
    if (names.items().isEmpty()) {
      throw error(signerList.line(), field + ".signers", "the signer list is empty (expected at least one signer)");
    }
    List<String> stageSigners = new ArrayList<>();
    Set<String> anchors = new HashSet<>();
    for (int i = 0; i < names.items().size(); i++) {
      PolicyNode item = names.items().get(i);
      String signer = string(item, field + ".signers[" + i + "]");
      if (!signers.containsKey(signer)) {
        throw error(item.line(), field + ".signers[" + i + "]",
            "signer \"" + shorten(signer) + "\" is not defined under signers (defined: "
                + String.join(", ", signers.keySet()) + ")");
      }
      if (stageSigners.contains(signer)) {
        throw error(item.line(), field + ".signers[" + i + "]", "signer \"" + signer + "\" is listed twice");
      }
      stageSigners.add(signer);
      anchors.add(signers.get(signer).anchorId());
    }
    stage.signers(stageSigners);

    Field threshold = s.fields().get("threshold");
    if (threshold != null) {
      PolicyNode t = threshold.value();
      if (!(t instanceof ScalarNode) || ((ScalarNode) t).kind() != ScalarNode.Kind.INTEGER) {
        throw error(t.line(), field + ".threshold", "expected an integer, got " + t.describe());
      }
      BigDecimal value = new BigDecimal(((ScalarNode) t).text());
      if (value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(BigDecimal.valueOf(stageSigners.size())) > 0) {
        throw error(t.line(), field + ".threshold", "threshold out of range (expected 1.."
            + stageSigners.size() + " for " + stageSigners.size() + " signers, got " + value + ")");
      }
      if (value.intValueExact() > anchors.size()) {
        throw error(t.line(), field + ".threshold", "threshold exceeds the distinct signers (expected at most "
            + anchors.size() + ", since names that resolve to the same key count once, got " + value + ")");
      }
      stage.threshold(value.intValueExact());
    }

    Field maxAge = s.fields().get("maxAge");
    if (maxAge != null) {
      String text = string(maxAge.value(), field + ".maxAge");
      stage.maxAge(PolicyDurations.parse(text).orElseThrow(() -> error(maxAge.value().line(), field + ".maxAge",
          "invalid duration (expected a positive number followed by m, h or d such as 30m, 12h, 7d, got \""
              + shorten(text) + "\")")));
    }

    Field conditions = s.fields().get("conditions");
    if (conditions != null) {
      ListNode list = list(conditions.value(), field + ".conditions");
      for (int i = 0; i < list.items().size(); i++) {
        stage.condition(condition(list.items().get(i), field + ".conditions[" + i + "]"));
      }
    }
    try {
      return stage.build();
    } catch (IllegalStateException e) {
      throw error(s.line(), field, e.getMessage());
    }
  }

  private Condition condition(PolicyNode node, String field) throws InvalidInputException {
    MapNode c = map(node, field);
    String pointer = string(required(c, field, "path"), field + ".path");
    Field operator = null;
    for (Field f : c.fields().values()) {
      if (f.key().equals("path")) {
        continue;
      }
      if (Condition.Operator.fromKeyword(f.key()).isEmpty()) {
        throw error(f.line(), field + "." + f.key(), "unknown operator \"" + shorten(f.key())
            + "\" (expected one of equals, oneOf, matches, atMost, atLeast, exists)");
      }
      if (operator != null) {
        throw error(f.line(), field + "." + f.key(), "a condition has exactly one operator (got "
            + operator.key() + " and " + f.key() + ")");
      }
      operator = f;
    }
    if (operator == null) {
      throw error(c.line(), field, "missing operator (expected one of equals, oneOf, matches, atMost, atLeast, exists)");
    }
    String opField = field + "." + operator.key();
    PolicyNode value = operator.value();
    try {
      switch (Condition.Operator.fromKeyword(operator.key()).get()) {
        case EQUALS:
          return Condition.equalTo(pointer, scalar(value, opField));
        case ONE_OF:
          ListNode values = nonEmptyList(value, opField);
          List<Scalar> scalars = new ArrayList<>();
          for (int i = 0; i < values.items().size(); i++) {
            scalars.add(scalar(values.items().get(i), opField + "[" + i + "]"));
          }
          return Condition.oneOf(pointer, scalars);
        case MATCHES:
          return Condition.matches(pointer, string(value, opField));
        case AT_MOST:
          return Condition.atMost(pointer, number(value, opField));
        case AT_LEAST:
          return Condition.atLeast(pointer, number(value, opField));
        default:
          if (!(value instanceof ScalarNode) || ((ScalarNode) value).kind() != ScalarNode.Kind.BOOLEAN) {
            throw error(value.line(), opField, "expected true or false, got " + value.describe());
          }
          return Condition.exists(pointer, Boolean.parseBoolean(((ScalarNode) value).text()));
      }
    } catch (IllegalArgumentException e) {
      // an invalid JSON Pointer or regular expression
      String where = e.getMessage().startsWith("invalid JSON Pointer") ? field + ".path" : opField;
      int line = where.endsWith(".path") ? c.fields().get("path").value().line() : value.line();
      throw error(line, where, e.getMessage());
    }
  }

  private Scalar scalar(PolicyNode node, String field) throws InvalidInputException {
    if (node instanceof ScalarNode) {
      ScalarNode s = (ScalarNode) node;
      switch (s.kind()) {
        case STRING:
          return Scalar.string(s.text());
        case INTEGER:
        case DECIMAL:
          return Scalar.number(new BigDecimal(s.text()));
        case BOOLEAN:
          return Scalar.bool(Boolean.parseBoolean(s.text()));
        default:
          break;
      }
    }
    throw error(node.line(), field, "expected a string, number or boolean, got " + node.describe());
  }

  private BigDecimal number(PolicyNode node, String field) throws InvalidInputException {
    if (node instanceof ScalarNode
        && (((ScalarNode) node).kind() == ScalarNode.Kind.INTEGER
            || ((ScalarNode) node).kind() == ScalarNode.Kind.DECIMAL)) {
      return new BigDecimal(((ScalarNode) node).text());
    }
    throw error(node.line(), field, "expected a number, got " + node.describe());
  }

  private Optional<Instant> instant(MapNode map, String key, String field) throws InvalidInputException {
    Field f = map.fields().get(key);
    if (f == null) {
      return Optional.empty();
    }
    String text = string(f.value(), field + "." + key);
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw error(f.value().line(), field + "." + key,
          "invalid time (expected RFC 3339 such as 2026-01-01T00:00:00Z, got \"" + shorten(text) + "\")");
    }
  }

  private Path path(Field f, String field) throws InvalidInputException {
    String text = nonEmptyString(f.value(), field);
    try {
      return baseDir.resolve(text).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw error(f.value().line(), field, "invalid path \"" + shorten(text) + "\"");
    }
  }

  private InvalidInputException keyFileError(Field f, String field, Path path, IOException e) {
    String problem =
        e instanceof NoSuchFileException
            ? "file not found: " + path
            : "cannot use " + path + ": " + e.getMessage();
    return error(f.value().line(), field, problem);
  }

  private void checkKeys(MapNode map, String field, Set<String> allowed) throws InvalidInputException {
    for (Field f : map.fields().values()) {
      if (!allowed.contains(f.key())) {
        throw error(f.line(), field.isEmpty() ? f.key() : field + "." + f.key(),
            "unknown key \"" + shorten(f.key()) + "\" (expected one of "
                + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private PolicyNode required(MapNode map, String field, String key) throws InvalidInputException {
    Field f = map.fields().get(key);
    if (f == null) {
      throw error(map.line(), field.isEmpty() ? key : field + "." + key, "missing field");
    }
    return f.value();
  }

  private MapNode map(PolicyNode node, String field) throws InvalidInputException {
    if (node instanceof MapNode) {
      return (MapNode) node;
    }
    throw error(node.line(), field, "expected a mapping, got " + node.describe());
  }

  private ListNode list(PolicyNode node, String field) throws InvalidInputException {
    if (node instanceof ListNode) {
      return (ListNode) node;
    }
    throw error(node.line(), field, "expected a list, got " + node.describe());
  }

  private ListNode nonEmptyList(PolicyNode node, String field) throws InvalidInputException {
    ListNode list = list(node, field);
    if (list.items().isEmpty()) {
      throw error(node.line(), field, "the list is empty (expected at least one entry)");
    }
    return list;
  }

  private String string(PolicyNode node, String field) throws InvalidInputException {
    if (node instanceof ScalarNode && ((ScalarNode) node).kind() == ScalarNode.Kind.STRING) {
      return ((ScalarNode) node).text();
    }
    throw error(node.line(), field, "expected a string, got " + node.describe());
  }

  private String nonEmptyString(PolicyNode node, String field) throws InvalidInputException {
    String s = string(node, field);
    if (s.isEmpty()) {
      throw error(node.line(), field, "expected a non-empty string, got \"\"");
    }
    return s;
  }

  private InvalidInputException error(int line, String field, String problem) {
    return PolicyErrors.at(what, line, field, problem);
  }

  private static String shorten(String text) {
    return PolicyErrors.shorten(text, 80);
  }

}
