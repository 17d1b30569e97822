package dev.custody;

import static java.util.Objects.requireNonNull;

import dev.custody.sign.KeyException;
import dev.custody.sign.SigningException;
import dev.custody.sign.VerificationException;
import dev.custody.store.StoreException;

/**
 * Root of the checked exceptions Custody throws for outcomes a caller must plan for: registry and
 * file errors, bad input, keys and verification failures.
 *
 * <p>Caller mistakes (a {@code null} argument, an illegal value passed to a factory) are
 * unchecked ({@link NullPointerException}, {@link IllegalArgumentException}). Each exception
 * carries a {@link Reason}, which the CLI maps to its exit codes in one place. Messages read
 * {@code <action> <subject>: <problem>} and never contain secrets.
 */
public abstract sealed class CustodyException extends Exception
    permits StoreException,
        InvalidInputException,
        KeyException,
        SigningException,
        VerificationException {

  private static final long serialVersionUID = 1L;

  /** Why an operation failed, coarse enough that a caller can act on it. */
  public enum Reason {
    /** The input (reference, manifest, file, policy, key) is malformed or not supported. */
    INVALID_INPUT,
    /** The requested manifest, blob, tag or repository does not exist. */
    NOT_FOUND,
    /** The store refused the credentials, or none were offered. */
    UNAUTHORIZED,
    /** Authenticated, but the store denied the operation. */
    DENIED,
    /** The store asked us to slow down and retries ran out. */
    RATE_LIMITED,
    /** Content does not match its digest or declared size. */
    DIGEST_MISMATCH,
    /** A response or file exceeded a configured bound (size, count, pages). */
    LIMIT_EXCEEDED,
    /** The store answered in a way the protocol does not allow. */
    PROTOCOL,
    /** The store could not be reached, or a local file could not be read or written. */
    IO,
    /** A key could not be read, decrypted or used (wrong password, unsupported kind). */
    KEY,
    /** A signature, envelope or attestation did not verify. */
    VERIFICATION_FAILED,
    /** The algorithm, format or feature is recognised but not supported. */
    UNSUPPORTED
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message what was being done and what went wrong
   * @param cause the underlying cause, or {@code null}
   */
  protected CustodyException(Reason reason, String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** {@return why the operation failed} */
  public final Reason reason() {
    return reason;
  }
}
