package dev.custody.core.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.InvalidInputException;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the fields of an untrusted JSON object. Every failure names the document and
 * the field path (e.g. {@code layers[2].digest}) and shows the offending value truncated.
 * An explicit JSON {@code null} in an optional field counts as absent, as Go decoders treat it.
 */
final class JsonFields {
  private static final int MAX_SHOWN = 80;

  private final String what;

  /** @param what the document being read, e.g. "manifest sha256:…", used in every message */
  JsonFields(String what) {
    this.what = what;
  }

  String what() {
    return what;
  }

  InvalidInputException invalid(String path, String problem) {
    return new InvalidInputException("parse " + what + ": field " + path + " " + problem);
  }

  static String join(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }

  static String show(JsonNode node) {
    return shorten(node.toString());
  }

  JsonNode object(JsonNode node, String path) throws InvalidInputException {
    if (!node.isObject()) {
      throw invalid(path, "must be a JSON object (got " + show(node) + ")");
    }
    return node;
  }

  Optional<JsonNode> optional(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  JsonNode required(JsonNode object, String parent, String field) throws InvalidInputException {
    return optional(object, field).orElseThrow(() -> invalid(join(parent, field), "is missing"));
  }

  String text(JsonNode node, String path) throws InvalidInputException {
    if (!node.isTextual()) {
      throw invalid(path, "must be a string (got " + show(node) + ")");
    }
    return node.textValue();
  }

  String requiredText(JsonNode object, String parent, String field) throws InvalidInputException {
    return text(required(object, parent, field), join(parent, field));
  }

  Optional<String> optionalText(JsonNode object, String parent, String field)
      throws InvalidInputException {
    Optional<JsonNode> node = optional(object, field);
    return node.isEmpty() ? Optional.empty() : Optional.of(text(node.get(), join(parent, field)));
  }

  MediaType mediaType(JsonNode node, String path) throws InvalidInputException {
    String value = text(node, path);
    try {
      return MediaType.of(value);
    } catch (IllegalArgumentException e) {
      throw invalid(path, "is not a media type (got \"" + shorten(value) + "\")");
    }
  }

  Optional<MediaType> optionalMediaType(JsonNode object, String parent, String field)
      throws InvalidInputException {
    Optional<JsonNode> node = optional(object, field);
    return node.isEmpty()
        ? Optional.empty()
        : Optional.of(mediaType(node.get(), join(parent, field)));
  }

  Digest digest(JsonNode node, String path) throws InvalidInputException {
    String value = text(node, path);
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(path, "is not a supported digest: " + e.getMessage());
    }
  }

  long nonNegativeLong(JsonNode node, String path) throws InvalidInputException {
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw invalid(path, "must be a non-negative integer (got " + show(node) + ")");
    }
    return node.longValue();
  }

  List<String> stringList(JsonNode node, String path) throws InvalidInputException {
    if (!node.isArray()) {
      throw invalid(path, "must be an array of strings (got " + show(node) + ")");
    }
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(text(node.get(i), path + "[" + i + "]"));
    }
    return values;
  }

  Map<String, String> stringMap(JsonNode node, String path) throws InvalidInputException {
    object(node, path);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      values.put(field.getKey(), text(field.getValue(), path + "[\"" + shorten(field.getKey()) + "\"]"));
    }
    return values;
  }

  Map<String, String> optionalStringMap(JsonNode object, String parent, String field)
      throws InvalidInputException {
    Optional<JsonNode> node = optional(object, field);
    return node.isEmpty() ? Map.of() : stringMap(node.get(), join(parent, field));
  }
}
