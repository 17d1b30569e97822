package dev.custody.core.internal.gate;

import dev.custody.core.internal.gate.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces scalar values in a YAML text by splicing each scalar's exact character range, leaving
 * every other character as it was: comments, anchors, tags, indentation, line endings and the
 * quoting of everything else. Rewriting through a YAML emitter would lose all of that.
 *
 * <p>The new value keeps the old scalar's style where it can: plain stays plain when the value is
 * safe unquoted in any context, single-quoted stays single-quoted, double-quoted stays
 * double-quoted; a block scalar ({@code |} or {@code >}) becomes a double-quoted scalar on the
 * indicator's line.
 */
final class ScalarSplice {
  private final String text;
  private final Map<ScalarNode, String> replacements = new IdentityHashMap<>();

  ScalarSplice(String text) {
    this.text = text;
  }

  /**
   * Asks for {@code scalar}'s value to become {@code value}. A scalar reached through several
   * aliases is replaced once.
   *
   * @throws IllegalStateException if the same scalar is asked for two different values
   */
  void replace(ScalarNode scalar, String value) {
    String previous = replacements.putIfAbsent(scalar, value);
    if (previous != null && !previous.equals(value)) {
      throw new IllegalStateException("one scalar pinned two ways: " + previous + " and " + value);
    }
  }

  /** {@return how many scalars will be replaced} */
  int size() {
    return replacements.size();
  }

  /** {@return the text with every requested replacement applied} */
  String apply() {
    List<ScalarNode> scalars = new ArrayList<>(replacements.keySet());
    scalars.sort(Comparator.comparingInt(ScalarNode::contentStart));
    StringBuilder out = new StringBuilder(text.length() + 80 * scalars.size());
    int copied = 0;
    for (ScalarNode scalar : scalars) {
      int start = scalar.contentStart();
      if (start < copied) {
        throw new IllegalStateException("overlapping scalars at offset " + start);
      }
      out.append(text, copied, start);
      copied = replaceOne(out, scalar, replacements.get(scalar));
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  /** Appends the new scalar and returns the offset where the untouched text resumes. */
  private int replaceOne(StringBuilder out, ScalarNode scalar, String value) {
    int start = scalar.contentStart();
    int end = scalar.end();
    char indicator = start < end ? text.charAt(start) : ' ';
    switch (indicator) {
      case '\'':
        out.append(isPrintable(value) ? singleQuoted(value) : doubleQuoted(value));
        return end;
      case '"':
        out.append(doubleQuoted(value));
        return end;
      case '|':
      case '>':
        // A block scalar's range runs past its last line break; keep that break and any blank
        // lines after the content, replace indicator, header comment and content.
        int last = end;
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
          last--;
        }
        out.append(doubleQuoted(value));
        return last;
      default:
        out.append(isPlainSafe(value) ? value : doubleQuoted(value));
        return end;
    }
  }

  /**
   * Whether {@code value} reads back as the same string when written plain in block or flow
   * context: only the characters of registry references (distribution/reference grammar), not
   * starting with an indicator, and not something the core schema resolves to a non-string.
   */
  static boolean isPlainSafe(String value) {
    if (value.isEmpty() || !Character.isLetterOrDigit(value.charAt(0))) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == '/'
              || c == ':'
              || c == '@';
      if (!ok) {
        return false;
      }
    }
    // ":" followed by a space ends a plain scalar; there are no spaces. A value that contains '@'
    // and ':' is never a number, boolean or null, but a bare word might be: quote those.
    return value.contains("@");
  }

  private static boolean isPrintable(String value) {
    return value.chars().noneMatch(Character::isISOControl);
  }

  private static String singleQuoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
