package dev.custody.core.internal.formats.intoto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small reading helpers shared by the predicate validators of this package. */
final class PredicateFields {
  private PredicateFields() {}

  static Optional<String> optionalString(JsonView node, String field) throws InvalidInputException {
    Optional<JsonView> v = node.optionalField(field);
    return v.isPresent() ? Optional.of(v.get().string()) : Optional.empty();
  }

  static Optional<Instant> optionalTimestamp(JsonView node, String field)
      throws InvalidInputException {
    Optional<JsonView> v = node.optionalField(field);
    return v.isPresent() ? Optional.of(v.get().timestamp()) : Optional.empty();
  }

  static Optional<JsonView> optionalObject(JsonView node, String field)
      throws InvalidInputException {
    Optional<JsonView> v = node.optionalField(field);
    return v.isPresent() ? Optional.of(v.get().object()) : Optional.empty();
  }

  static List<ResourceDescriptor> descriptors(JsonView node, String field)
      throws InvalidInputException {
    List<ResourceDescriptor> out = new ArrayList<>();
    Optional<JsonView> v = node.optionalField(field);
    if (v.isPresent()) {
      for (JsonView d : v.get().array()) {
        out.add(ResourceDescriptor.parse(d, false));
      }
    }
    return out;
  }

  static void putDescriptors(ObjectNode o, String field, List<ResourceDescriptor> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(field);
      values.forEach(d -> a.add(d.toJson()));
    }
  }

  static String require(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(field + " is required");
    }
    return value;
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalStateException(field + " is required");
    }
    return value;
  }
}
