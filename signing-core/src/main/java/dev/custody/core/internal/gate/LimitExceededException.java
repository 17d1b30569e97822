package dev.custody.core.internal.gate;

/**
 * A bound on the deployment input was exceeded. Internal: the reader turns it into an {@link
 * dev.custody.InvalidInputException} with reason {@code LIMIT_EXCEEDED} naming the file and place.
 */
final class LimitExceededException extends Exception {
  private static final long serialVersionUID = 1L;

  LimitExceededException(String message) {
    super(message, null, false, false);
  }
}
