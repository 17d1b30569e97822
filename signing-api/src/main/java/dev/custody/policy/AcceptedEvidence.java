package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A piece of evidence that counted towards a stage, with the signer it was counted for.
 *
 * @param evidence the verified evidence
 * @param signer the policy name of the signer it was counted for
 * @param facts the signed values the stage's conditions looked at: JSON Pointer to the value as
 *     JSON text (absent fields are left out), in condition order
 */
public record AcceptedEvidence(Evidence evidence, String signer, Map<String, String> facts) {
  /**
   * Validates and copies the components.
   *
   * @param evidence the verified evidence
   * @param signer the policy name of the signer it was counted for
   * @param facts the signed values the stage's conditions looked at: JSON Pointer to the value as
   *     JSON text (absent fields are left out), in condition order
   */
  public AcceptedEvidence {
    requireNonNull(evidence, "evidence");
    requireNonNull(signer, "signer");
    facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(facts, "facts")));
    if (!evidence.isVerified()) {
      throw new IllegalArgumentException("accepted evidence must be verified: " + evidence);
    }
  }
}
