package dev.custody.sign;

import dev.custody.CustodyException;

/**
 * Producing or storing a signature or attestation failed.
 */
public non-sealed class SigningException extends CustodyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message action, subject and problem
   * @param cause the underlying cause, or {@code null}
   */
  public SigningException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  /**
   * Creates an exception for invalid or unsupported input.
   *
   * @param message action, subject and problem
   */
  public SigningException(String message) {
    super(Reason.INVALID_INPUT, message, null);
  }
}
