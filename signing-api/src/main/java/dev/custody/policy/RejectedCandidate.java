package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A candidate that did not count towards a stage, and why.
 *
 * @param evidence the candidate
 * @param signer the policy name of the signer it came from, if its key or certificate matches one
 * @param reason the typed reason
 * @param detail a readable explanation (untrusted values truncated)
 */
public record RejectedCandidate(
    Evidence evidence, Optional<String> signer, ReasonCode reason, String detail) {
  /**
   * Validates the components.
   *
   * @param evidence the candidate
   * @param signer the policy name of the signer it came from, if its key or certificate matches one
   * @param reason the typed reason
   * @param detail a readable explanation (untrusted values truncated)
   */
  public RejectedCandidate {
    requireNonNull(evidence, "evidence");
    requireNonNull(signer, "signer");
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
  }
}
