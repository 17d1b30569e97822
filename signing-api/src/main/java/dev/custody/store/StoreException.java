package dev.custody.store;

import dev.custody.CustodyException;

/**
 * An {@link ArtifactStore} operation failed: the content is missing, does not match its digest,
 * exceeds a bound, or the registry or file system refused or failed. The message says what was
 * being done, on which repository, and why (with the HTTP status and registry error code when
 * there is one). It never contains credentials.
 */
public non-sealed class StoreException extends CustodyException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String errorCode;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message action, subject and problem
   * @param cause the underlying cause, or {@code null}
   */
  public StoreException(Reason reason, String message, Throwable cause) {
    this(reason, message, cause, 0, "");
  }

  /**
   * Creates an exception for an HTTP response.
   *
   * @param reason why the operation failed
   * @param message action, subject, status and problem
   * @param cause the underlying cause, or {@code null}
   * @param httpStatus the HTTP status, or 0 when there was none
   * @param errorCode the registry's error code (e.g. {@code MANIFEST_UNKNOWN}), or empty
   */
  public StoreException(
      Reason reason, String message, Throwable cause, int httpStatus, String errorCode) {
    super(reason, message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = java.util.Objects.requireNonNull(errorCode, "errorCode");
  }

  /** {@return the HTTP status of the failed request, or 0 when there was none} */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@return the registry's error code, e.g. {@code MANIFEST_UNKNOWN}, or empty} */
  public String errorCode() {
    return errorCode;
  }
}
