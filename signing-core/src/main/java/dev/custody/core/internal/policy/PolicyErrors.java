package dev.custody.core.internal.policy;

import dev.custody.InvalidInputException;

/** Builds the one message shape for policy mistakes: {@code read policy F: line N, field P: …}. */
final class PolicyErrors {
  private PolicyErrors() {}

  /**
   * {@return an exception naming the file, line and field}
   *
   * @param what the policy file
   * @param line the 1-based line
   * @param field the field path, e.g. {@code stages[2].threshold}, or empty for the document
   * @param problem what is wrong, ideally with {@code (expected X, got Y)}
   */
  static InvalidInputException at(String what, int line, String field, String problem) {
    return new InvalidInputException(
        "read policy "
            + what
            + ": line "
            + line
            + (field.isEmpty() ? "" : ", field " + field)
            + ": "
            + problem);
  }

  /** Untrusted text is cut so a hostile value cannot flood a message. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
