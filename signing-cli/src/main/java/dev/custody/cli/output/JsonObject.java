package dev.custody.cli.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object written in insertion order: strings, numbers, booleans, null, nested objects and
 * arrays of objects or strings. Enough for command results without a JSON library in the CLI;
 * strings are escaped as RFC 8259 section 7 requires.
 */
public final class JsonObject {
  private final Map<String, String> members = new LinkedHashMap<>();

  /** Adds a string member. @param name the name @param value the value @return this object */
  public JsonObject put(String name, String value) {
    members.put(name, quote(value));
    return this;
  }

  /** Adds a number member. @param name the name @param value the value @return this object */
  public JsonObject put(String name, long value) {
    members.put(name, Long.toString(value));
    return this;
  }

  /** Adds a boolean member. @param name the name @param value the value @return this object */
  public JsonObject put(String name, boolean value) {
    members.put(name, Boolean.toString(value));
    return this;
  }

  /**
   * Adds a string member, or {@code null} when {@code value} is empty.
   *
   * @param name the name
   * @param value the value
   * @return this object
   */
  public JsonObject put(String name, Optional<String> value) {
    members.put(name, value.map(JsonObject::quote).orElse("null"));
    return this;
  }

  /** Adds an object member. @param name the name @param value the value @return this object */
  public JsonObject put(String name, JsonObject value) {
    members.put(name, value.toJson());
    return this;
  }

  /** Adds an array of objects. @param name the name @param values the elements @return this object */
  public JsonObject putObjects(String name, List<JsonObject> values) {
    StringBuilder array = new StringBuilder("[");
    for (JsonObject value : values) {
      if (array.length() > 1) {
        array.append(',');
      }
      array.append(value.toJson());
    }
    members.put(name, array.append(']').toString());
    return this;
  }

  /** Adds an array of strings. @param name the name @param values the elements @return this object */
  public JsonObject putStrings(String name, List<String> values) {
    StringBuilder array = new StringBuilder("[");
    for (String value : values) {
      if (array.length() > 1) {
        array.append(',');
      }
      array.append(quote(value));
    }
    members.put(name, array.append(']').toString());
    return this;
  }

  /** {@return the object as compact JSON} */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    members.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(quote(name)).append(':').append(value);
        });
    return json.append('}').toString();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
