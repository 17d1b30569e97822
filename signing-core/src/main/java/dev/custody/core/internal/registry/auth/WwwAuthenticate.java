package dev.custody.core.internal.registry.auth;

import dev.custody.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses and formats {@code WWW-Authenticate} values (RFC 7235 §4.1, FORMATS §2.10): a comma
 * separated list of challenges, each a scheme followed by a token68 or by {@code name=value}
 * parameters whose values are tokens or quoted strings with {@code \} escapes. Commas inside quoted
 * strings belong to the value. Empty list elements are skipped; a repeated parameter keeps its
 * first value. Pure and thread-safe.
 */
public final class WwwAuthenticate {
  private static final int MAX_LENGTH = 16 * 1024;
  private static final String TCHAR_EXTRA = "!#$%&'*+-.^_`|~";

  private final String text;
  private int pos;

  private WwwAuthenticate(String text) {
    this.text = text;
  }

  /**
   * Parses one header value.
   *
   * @param value the header value
   * @return the challenges, at least one, in order
   * @throws InvalidInputException if the value is empty, longer than 16 KiB or not RFC 7235
   *     syntax; the message shows no part of the value
   */
  public static List<Challenge> parse(String value) throws InvalidInputException {
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "parse WWW-Authenticate: too long (expected at most "
              + MAX_LENGTH
              + " characters, got "
              + value.length()
              + ")");
    }
    List<Challenge> challenges = new WwwAuthenticate(value).challenges();
    if (challenges.isEmpty()) {
      throw new InvalidInputException("parse WWW-Authenticate: no challenge");
    }
    return challenges;
  }

  /**
   * Formats challenges so that {@link #parse} returns them again; parameter values are always
   * quoted.
   *
   * @param challenges at least one challenge
   * @return the header value
   */
  public static String format(List<Challenge> challenges) {
    if (challenges.isEmpty()) {
      throw new IllegalArgumentException("format WWW-Authenticate: no challenge");
    }
    StringBuilder out = new StringBuilder();
    for (Challenge c : challenges) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(c.scheme());
      if (c.token68().isPresent()) {
        out.append(' ').append(c.token68().get());
      }
      String sep = " ";
      for (Map.Entry<String, String> p : c.params().entrySet()) {
        out.append(sep).append(p.getKey()).append("=\"");
        for (char ch : p.getValue().toCharArray()) {
          if (ch == '"' || ch == '\\') {
            out.append('\\');
          }
          out.append(ch);
        }
        out.append('"');
        sep = ", ";
      }
    }
    return out.toString();
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || TCHAR_EXTRA.indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }

  private List<Challenge> challenges() throws InvalidInputException {
    List<Challenge> out = new ArrayList<>();
    skipSeparators();
    while (pos < text.length()) {
      out.add(challenge());
      skipSeparators();
    }
    return out;
  }

  private Challenge challenge() throws InvalidInputException {
    String scheme = token("auth scheme");
    int afterScheme = pos;
    skipSpaces();
    if (pos >= text.length() || peek() == ',') {
      return Challenge.of(scheme, Map.of());
    }
    if (pos == afterScheme) {
      throw malformed("expected a space after the auth scheme");
    }
    if (startsParam()) {
      return Challenge.of(scheme, params());
    }
    int start = pos;
    while (pos < text.length() && isToken68Char(peek())) {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected parameters or a token68 after the auth scheme");
    }
    while (pos < text.length() && peek() == '=') {
      pos++;
    }
    String token68 = text.substring(start, pos);
    skipSpaces();
    if (pos < text.length() && peek() != ',') {
      throw malformed("unexpected character after a token68");
    }
    return new Challenge(scheme, Optional.of(token68), Map.of());
  }

  private Map<String, String> params() throws InvalidInputException {
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      String name = token("parameter name").toLowerCase(Locale.ROOT);
      skipSpaces();
      expect('=');
      skipSpaces();
      String value = pos < text.length() && peek() == '"' ? quoted() : token("parameter value");
      params.putIfAbsent(name, value);
      skipSpaces();
      if (pos >= text.length()) {
        return params;
      }
      expect(',');
      // Another parameter follows unless the next list element starts a new challenge.
      skipSeparators();
      if (pos >= text.length() || !startsParam()) {
        return params;
      }
    }
  }

  /** Looks ahead for {@code token BWS "="} followed by a value (not a token68's padding). */
  private boolean startsParam() {
    int p = pos;
    while (p < text.length() && isTchar(text.charAt(p))) {
      p++;
    }
    if (p == pos) {
      return false;
    }
    while (p < text.length() && isSpace(text.charAt(p))) {
      p++;
    }
    if (p >= text.length() || text.charAt(p) != '=') {
      return false;
    }
    p++;
    while (p < text.length() && isSpace(text.charAt(p))) {
      p++;
    }
    return p < text.length() && (text.charAt(p) == '"' || isTchar(text.charAt(p)));
  }

  private String quoted() throws InvalidInputException {
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        c = text.charAt(pos++);
      }
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw malformed("control character in a quoted string");
      }
      value.append(c);
    }
    throw malformed("unterminated quoted string");
  }

  private String token(String what) throws InvalidInputException {
    int start = pos;
    while (pos < text.length() && isTchar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected a " + what);
    }
    return text.substring(start, pos);
  }

  private void expect(char c) throws InvalidInputException {
    if (pos >= text.length() || peek() != c) {
      throw malformed("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSeparators() {
    while (pos < text.length() && (isSpace(peek()) || peek() == ',')) {
      pos++;
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && isSpace(peek())) {
      pos++;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private char peek() {
    return text.charAt(pos);
  }

  private InvalidInputException malformed(String problem) {
    return new InvalidInputException(
        "parse WWW-Authenticate: " + problem + " at offset " + pos + " of " + text.length());
  }
}
