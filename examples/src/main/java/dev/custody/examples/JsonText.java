package dev.custody.examples;

/**
 * Writes JSON string literals (RFC 8259 §7), for examples that build small JSON documents as text
 * instead of pulling in a JSON library.
 */
public final class JsonText {
  private JsonText() {}

  /**
   * Quotes {@code value} as a JSON string: quotes, backslashes and control characters escaped.
   *
   * @param value the text
   * @return the JSON string literal, with its quotes
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
