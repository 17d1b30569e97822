package dev.custody.core.internal.gate;

/** Small text helpers for messages: untrusted values are shortened (STYLE.md §16). */
final class Texts {
  private static final int DEFAULT_LENGTH = 80;

  private Texts() {}

  static String shorten(String value) {
    return shorten(value, DEFAULT_LENGTH);
  }

  static String shorten(String value, int max) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(value.length(), max);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > max) {
      out.append("… (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }
}
