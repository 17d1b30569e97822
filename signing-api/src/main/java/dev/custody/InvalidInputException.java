package dev.custody;

/**
 * The input given to Custody (a manifest, a file, a reference, a policy) is malformed or of an
 * unsupported kind. The message names the input and what is wrong with it.
 */
public non-sealed class InvalidInputException extends CustodyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was being read and what is wrong with it
   */
  public InvalidInputException(String message) {
    super(Reason.INVALID_INPUT, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what was being read and what is wrong with it
   * @param cause the underlying parser error
   */
  public InvalidInputException(String message, Throwable cause) {
    super(Reason.INVALID_INPUT, message, cause);
  }

  /**
   * Creates an exception with a specific reason (for example {@link Reason#LIMIT_EXCEEDED}).
   *
   * @param reason why the input was refused
   * @param message what was being read and what is wrong with it
   */
  public InvalidInputException(Reason reason, String message) {
    super(reason, message, null);
  }
}
