package dev.custody.sign;

import dev.custody.CustodyException;

/**
 * A signature, envelope or attestation did not verify. Verification outcomes meant for a report are values, not exceptions; this is thrown where a single yes or no is asked for.
 */
public non-sealed class VerificationException extends CustodyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message action, subject and problem
   * @param cause the underlying cause, or {@code null}
   */
  public VerificationException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  /**
   * Creates an exception for invalid or unsupported input.
   *
   * @param message action, subject and problem
   */
  public VerificationException(String message) {
    super(Reason.INVALID_INPUT, message, null);
  }
}
