package dev.custody.core.internal.formats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strict, read-only view of one node of an untrusted JSON document. Every accessor checks the
 * JSON type it expects and fails with an {@link InvalidInputException} whose message names the
 * document and the field path, e.g. {@code read DSSE envelope: field signatures[0].sig: expected a
 * string (got number)}. Documents come only from {@link Json#read}, so duplicate keys, trailing
 * tokens and excessive depth are already refused.
 */
public final class JsonView {
  private static final int MAX_SHOWN = 80;

  private final JsonNode node;
  private final String what;
  private final String path;

  private JsonView(JsonNode node, String what, String path) {
    this.node = node;
    this.what = what;
    this.path = path;
  }

  /**
   * Parses exact bytes with the hardened mapper.
   *
   * @param content the exact bytes
   * @param what the document's name for messages, e.g. "DSSE envelope"
   * @return a view of the root
   * @throws InvalidInputException if the bytes are not one well-formed JSON document
   */
  public static JsonView parse(Bytes content, String what) throws InvalidInputException {
    requireNonNull(content, "content");
    requireNonNull(what, "what");
    return new JsonView(Json.read(content, what), what, "");
  }

  /** {@return a view of an already parsed tree (for example an embedded predicate)} */
  public static JsonView of(JsonNode node, String what) {
    return new JsonView(requireNonNull(node, "node"), requireNonNull(what, "what"), "");
  }

  /** {@return a deep copy of the underlying tree} */
  public JsonNode tree() {
    return node.deepCopy();
  }

  /** {@return the field path of this node, empty for the root} */
  public String path() {
    return path;
  }

  /** {@return whether this node is JSON {@code null}} */
  public boolean isNull() {
    return node.isNull();
  }

  /** {@return whether this node is a JSON object} */
  public boolean isObject() {
    return node.isObject();
  }

  /** {@return this node, after checking that it is an object} */
  public JsonView object() throws InvalidInputException {
    if (!node.isObject()) {
      throw wrongType("an object");
    }
    return this;
  }

  /** {@return whether this object has the field {@code name}} */
  public boolean has(String name) throws InvalidInputException {
    return object().node.has(name);
  }

  /** {@return the required field {@code name} of this object} */
  public JsonView field(String name) throws InvalidInputException {
    JsonNode child = object().node.get(name);
    if (child == null) {
      throw new InvalidInputException(
          "read " + what + ": field " + childPath(name) + ": missing (it is required)");
    }
    return new JsonView(child, what, childPath(name));
  }

  /** {@return the field {@code name} of this object if present (JSON null counts as present)} */
  public Optional<JsonView> optionalField(String name) throws InvalidInputException {
    JsonNode child = object().node.get(name);
    return child == null
        ? Optional.empty()
        : Optional.of(new JsonView(child, what, childPath(name)));
  }

  /**
   * Looks a field up under either of two names, as the protobuf JSON mapping accepts both the
   * lowerCamelCase and the original snake_case name.
   *
   * @param name the preferred name
   * @param alias the alternative name
   * @return the field if present under one name
   * @throws InvalidInputException if this is not an object or both names are present
   */
  public Optional<JsonView> optionalField(String name, String alias) throws InvalidInputException {
    Optional<JsonView> first = optionalField(name);
    Optional<JsonView> second = optionalField(alias);
    if (first.isPresent() && second.isPresent()) {
      throw new InvalidInputException(
          "read " + what + ": field " + childPath(name) + ": given twice (also as " + alias + ")");
    }
    return first.isPresent() ? first : second;
  }

  /** {@return the required field under {@code name} or {@code alias}} */
  public JsonView field(String name, String alias) throws InvalidInputException {
    return optionalField(name, alias)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "read " + what + ": field " + childPath(name) + ": missing (it is required)"));
  }

  /** {@return the object's field names in document order} */
  public List<String> fieldNames() throws InvalidInputException {
    List<String> names = new ArrayList<>();
    object().node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Checks that this object has no field outside {@code allowed}, for formats whose readers in the
   * ecosystem refuse unknown members.
   *
   * @param allowed the permitted field names
   * @throws InvalidInputException naming the first unexpected field
   */
  public void requireOnlyFields(Set<String> allowed) throws InvalidInputException {
    for (String name : fieldNames()) {
      if (!allowed.contains(name)) {
        throw new InvalidInputException(
            "read "
                + what
                + ": field "
                + childPath(name)
                + ": not allowed here (expected only "
                + new TreeSet<>(allowed)
                + ")");
      }
    }
  }

  /** {@return the string value of this node} */
  public String string() throws InvalidInputException {
    if (!node.isTextual()) {
      throw wrongType("a string");
    }
    return node.textValue();
  }

  /** {@return the string value of this node, which must not be empty} */
  public String nonEmptyString() throws InvalidInputException {
    String value = string();
    if (value.isEmpty()) {
      throw error("must not be empty");
    }
    return value;
  }

  /** {@return the value of this node as an integer that fits a {@code long}} */
  public long integer() throws InvalidInputException {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw wrongType("an integer");
    }
    return node.longValue();
  }

  /** {@return the boolean value of this node} */
  public boolean bool() throws InvalidInputException {
    if (!node.isBoolean()) {
      throw wrongType("a boolean");
    }
    return node.booleanValue();
  }

  /** {@return the elements of this array} */
  public List<JsonView> array() throws InvalidInputException {
    if (!node.isArray()) {
      throw wrongType("an array");
    }
    List<JsonView> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new JsonView(node.get(i), what, path + "[" + i + "]"));
    }
    return out;
  }

  /** {@return the elements of this array, which must not be empty} */
  public List<JsonView> nonEmptyArray() throws InvalidInputException {
    List<JsonView> out = array();
    if (out.isEmpty()) {
      throw error("must not be an empty array");
    }
    return out;
  }

  /** {@return the members of this object, in document order} */
  public Map<String, JsonView> members() throws InvalidInputException {
    Map<String, JsonView> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = object().node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), new JsonView(e.getValue(), what, childPath(e.getKey())));
    }
    return out;
  }

  /** {@return this object as a map whose values must all be strings, in document order} */
  public Map<String, String> stringMap() throws InvalidInputException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonView> e : members().entrySet()) {
      out.put(e.getKey(), e.getValue().string());
    }
    return out;
  }

  /** {@return the bytes of this string, base64 in the standard or URL-safe alphabet} */
  public Bytes base64() throws InvalidInputException {
    String text = string();
    try {
      return Base64s.decodeStandardOrUrl(text);
    } catch (IllegalArgumentException e) {
      throw error("not valid base64 (\"" + shorten(text) + "\")");
    }
  }

  /** {@return the bytes of this string, strictly unpadded base64url (RFC 7515 §2)} */
  public Bytes base64Url() throws InvalidInputException {
    String text = string();
    try {
      return Base64s.decodeUrlNoPadding(text);
    } catch (IllegalArgumentException e) {
      throw error("not unpadded base64url (\"" + shorten(text) + "\")");
    }
  }

  /** {@return this string as an RFC 3339 timestamp} */
  public Instant timestamp() throws InvalidInputException {
    String text = string();
    return Rfc3339.tryParse(text)
        .orElseThrow(() -> error("not an RFC 3339 timestamp (got \"" + shorten(text) + "\")"));
  }

  /**
   * Makes an exception about this node.
   *
   * @param problem what is wrong
   * @return the exception, naming the document and field path
   */
  public InvalidInputException error(String problem) {
    return new InvalidInputException(
        "read " + what + ": " + (path.isEmpty() ? "document" : "field " + path) + ": " + problem);
  }

  /** {@return {@code text} cut to a length fit for a message} */
  public static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }

  private InvalidInputException wrongType(String expected) {
    return error("expected " + expected + " (got " + typeName() + ")");
  }

  private String typeName() {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private String childPath(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
