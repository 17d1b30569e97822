package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A JSON scalar used as a condition operand: a string, a number or a boolean.
 *
 * @param type which kind of scalar
 * @param text the value as text: the string itself, a number in {@link BigDecimal#toString()}
 *     form, or {@code true}/{@code false}
 */
public record Scalar(Type type, String text) {
  /** The kinds of scalar an operand can be. */
  public enum Type {
    /** A JSON string. */
    STRING,
    /** A JSON number, compared numerically. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN
  }

  /**
   * Validates the components.
   *
   * @param type which kind of scalar
   * @param text the value as text: the string itself, a number in {@link BigDecimal#toString()}
   *     form, or {@code true}/{@code false}
   * @throws IllegalArgumentException if {@code text} is not a valid value of {@code type}
   */
  public Scalar {
    requireNonNull(type, "type");
    requireNonNull(text, "text");
    if (type == Type.NUMBER) {
      try {
        new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: \"" + text + "\"", e);
      }
    } else if (type == Type.BOOLEAN && !text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("not a boolean: \"" + text + "\"");
    }
  }

  /**
   * {@return a string scalar}
   *
   * @param value the string, compared exactly
   */
  public static Scalar string(String value) {
    return new Scalar(Type.STRING, value);
  }

  /**
   * {@return a number scalar}
   *
   * @param value the number, kept in its exact decimal form
   */
  public static Scalar number(BigDecimal value) {
    requireNonNull(value, "value");
    return new Scalar(Type.NUMBER, value.toString());
  }

  /**
   * {@return a boolean scalar}
   *
   * @param value the boolean, compared with JSON {@code true}/{@code false} only (never a string)
   */
  public static Scalar bool(boolean value) {
    return new Scalar(Type.BOOLEAN, Boolean.toString(value));
  }

  /**
   * {@return the value as a number}
   *
   * @throws IllegalStateException if this is not a number
   */
  public BigDecimal asNumber() {
    if (type != Type.NUMBER) {
      throw new IllegalStateException("scalar is a " + type + ", not a number");
    }
    return new BigDecimal(text);
  }

  /** {@return the value as it would be written in JSON (strings quoted and escaped)} */
  public String toJson() {
    if (type != Type.STRING) {
      return text;
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
