package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one stage: whether it is satisfied, the evidence that counted, and every
 * candidate that did not with its reason.
 *
 * @param name the stage name
 * @param satisfied whether enough distinct signers provided valid evidence
 * @param accepted the evidence that counted, one per distinct signer
 * @param rejected every other candidate of the stage's kind, each with a reason
 * @param reason why the stage is not satisfied; empty when it is
 * @param detail explains the reason, e.g. {@code 1 of 2 distinct approvers}; empty when satisfied
 * @param satisfiedAt the signed time at which the stage became satisfied (the threshold-th earliest
 *     signed time among the accepted evidence), which later stages must not predate; empty if the
 *     stage is not satisfied or its evidence carries too few signed times
 */
public record StageResult(
    String name,
    boolean satisfied,
    List<AcceptedEvidence> accepted,
    List<RejectedCandidate> rejected,
    Optional<ReasonCode> reason,
    String detail,
    Optional<Instant> satisfiedAt) {
  /**
   * Validates and copies the components.
   *
   * @param name the stage name
   * @param satisfied whether enough distinct signers provided valid evidence
   * @param accepted the evidence that counted, one per distinct signer
   * @param rejected every other candidate of the stage's kind, each with a reason
   * @param reason why the stage is not satisfied; empty when it is
   * @param detail explains the reason, e.g. {@code 1 of 2 distinct approvers}; empty when satisfied
   * @param satisfiedAt the signed time at which the stage became satisfied (the threshold-th earliest
   *     signed time among the accepted evidence), which later stages must not predate; empty if the
   *     stage is not satisfied or its evidence carries too few signed times
   */
  public StageResult {
    requireNonNull(name, "name");
    accepted = List.copyOf(requireNonNull(accepted, "accepted"));
    rejected = List.copyOf(requireNonNull(rejected, "rejected"));
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
    requireNonNull(satisfiedAt, "satisfiedAt");
    if (satisfied == reason.isPresent()) {
      throw new IllegalArgumentException(
          "stage " + name + ": a reason is given exactly when the stage is not satisfied");
    }
  }
}
