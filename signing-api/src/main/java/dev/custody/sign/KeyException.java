package dev.custody.sign;

import dev.custody.CustodyException;

/**
 * A key could not be read, decrypted, generated or written, or is of an unsupported kind. The message names the key source (a path, a URI) and never the key material or password.
 */
public non-sealed class KeyException extends CustodyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message action, subject and problem
   * @param cause the underlying cause, or {@code null}
   */
  public KeyException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  /**
   * Creates an exception for invalid or unsupported input.
   *
   * @param message action, subject and problem
   */
  public KeyException(String message) {
    super(Reason.INVALID_INPUT, message, null);
  }
}
