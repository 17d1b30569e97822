package dev.custody.core.internal.notary.trust;

/** Shortens untrusted text before it goes into a message. */
public final class Truncate {
  private static final int MAX = 120;

  private Truncate() {}

  /** {@return {@code text}, cut to 120 characters with an ellipsis} */
  public static String of(String text) {
    return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
  }
}
