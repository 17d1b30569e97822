package dev.custody.core.internal.gate;

import java.util.Optional;

/**
 * Reads the node properties (an anchor {@code &name} and a tag {@code !tag}, in either order; YAML
 * 1.2 §6.9) in front of a scalar. The parser's range for a scalar starts at its properties, and
 * Jackson reports no anchor for a scalar, so both are read here from the text: the anchor so that
 * aliases to it resolve, and the start of the scalar itself so that pinning replaces the value and
 * keeps the properties.
 */
final class ScalarProperties {
  private final Optional<String> anchor;
  private final int contentStart;

  private ScalarProperties(Optional<String> anchor, int contentStart) {
    this.anchor = anchor;
    this.contentStart = contentStart;
  }

  /**
   * Parses the properties at the start of {@code text[start, end)}.
   *
   * @param text the file text
   * @param start where the parser says the scalar node starts
   * @param end where it ends
   */
  static ScalarProperties parse(String text, int start, int end) {
    String anchor = null;
    int pos = start;
    while (pos < end && (text.charAt(pos) == '&' || text.charAt(pos) == '!')) {
      int tokenStart = pos;
      // Anchor names and tags end at white space (and, for anchors, at a flow indicator).
      while (pos < end && !isSpace(text.charAt(pos)) && !isFlowIndicator(text.charAt(pos))) {
        pos++;
      }
      if (text.charAt(tokenStart) == '&') {
        anchor = text.substring(tokenStart + 1, pos);
      }
      pos = skipSpaceAndComments(text, pos, end);
    }
    return new ScalarProperties(Optional.ofNullable(anchor), pos);
  }

  private static int skipSpaceAndComments(String text, int pos, int end) {
    while (pos < end) {
      char c = text.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < end && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        break;
      }
    }
    return pos;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isFlowIndicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  /** {@return the anchor defined on the scalar, if any} */
  Optional<String> anchor() {
    return anchor;
  }

  /** {@return the char offset where the scalar itself starts} */
  int contentStart() {
    return contentStart;
  }
}
