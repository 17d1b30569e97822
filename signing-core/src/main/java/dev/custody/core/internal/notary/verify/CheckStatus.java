package dev.custody.core.internal.notary.verify;

/** How one check ended. */
public enum CheckStatus {
  /** The check ran and passed. */
  PASSED,
  /** The check ran and failed; its action decides whether that rejects the signature. */
  FAILED,
  /** The policy set the check to {@code skip}. */
  SKIPPED,
  /** Custody does not perform this check (revocation); see the evaluator's note. */
  NOT_CHECKED
}
