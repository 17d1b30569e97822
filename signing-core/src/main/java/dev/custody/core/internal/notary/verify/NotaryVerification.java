package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of verifying one artifact's Notary Project signatures.
 *
 * @param outcome the verdict
 * @param statement the name of the trust policy statement applied
 * @param signatures every signature examined, in the order given
 */
public record NotaryVerification(
    Outcome outcome, String statement, List<SignatureEvaluation> signatures) {

  /** The verdicts, matching notation's results (fixtures README §2). */
  public enum Outcome {
    /** At least one signature passed every enforced check (warnings may exist). */
    VERIFIED,
    /** The statement's level is {@code skip}: nothing was verified. */
    SKIPPED,
    /** The artifact has no signature at all. */
    NO_SIGNATURE,
    /** Signatures exist, none passed. */
    FAILED
  }

  /** Copies. */
  public NotaryVerification {
    requireNonNull(outcome, "outcome");
    requireNonNull(statement, "statement");
    signatures = List.copyOf(signatures);
  }
}
