package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.notary.trust.Action;
import dev.custody.core.internal.notary.trust.Check;

/**
 * The outcome of one check for one signature.
 *
 * @param check which check
 * @param kind what exactly was checked; the trusted identity is reported separately although its
 *     action is authenticity's
 * @param action the effective action from the policy
 * @param status passed, failed, skipped or not checked
 * @param detail why it failed (or a note); empty when it passed
 */
public record CheckResult(Check check, Kind kind, Action action, CheckStatus status, String detail) {
  /** The finer-grained kinds of check a report shows. */
  public enum Kind {
    /** Envelope, signature, chain structure, signed target. */
    INTEGRITY,
    /** A chain certificate is in the trust store, and the chain validates to it (PKIX). */
    AUTHENTICITY,
    /** The leaf's subject matches a trusted identity (action of authenticity). */
    TRUSTED_IDENTITY,
    /** The signature's expiry. */
    EXPIRY,
    /** Chain valid at an authentic time. */
    AUTHENTIC_TIMESTAMP,
    /** Revocation (never performed by Custody). */
    REVOCATION
  }

  /** Checks for nulls. */
  public CheckResult {
    requireNonNull(check, "check");
    requireNonNull(kind, "kind");
    requireNonNull(action, "action");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
  }

  /** {@return whether this result rejects its signature: a failure of an enforced check} */
  public boolean isCritical() {
    return status == CheckStatus.FAILED && action == Action.ENFORCE;
  }

  /** {@return whether this is a failure that the policy only logs} */
  public boolean isWarning() {
    return status == CheckStatus.FAILED && action == Action.LOG;
  }
}
