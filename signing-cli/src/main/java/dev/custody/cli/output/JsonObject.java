package dev.custody.cli.output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flat JSON object written in insertion order. Enough for command results; values are strings
 * and numbers, escaped as RFC 8259 section 7 requires.
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
