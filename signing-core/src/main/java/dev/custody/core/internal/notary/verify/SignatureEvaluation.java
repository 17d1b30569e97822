package dev.custody.core.internal.notary.verify;

import java.util.List;
import java.util.Optional;

/**
 * The outcome for one signature: every check that ran, in order, ending at the first critical
 * failure if any.
 *
 * @param signatureManifest the digest of the signature manifest, e.g. {@code sha256:…}
 * @param results the checks in the order they ran
 */
public record SignatureEvaluation(String signatureManifest, List<CheckResult> results) {
  /** Copies. */
  public SignatureEvaluation {
    results = List.copyOf(results);
  }

  /** {@return whether no enforced check failed} */
  public boolean isAccepted() {
    return results.stream().noneMatch(CheckResult::isCritical);
  }

  /** {@return the enforced check that rejected the signature, if any} */
  public Optional<CheckResult> rejection() {
    return results.stream().filter(CheckResult::isCritical).findFirst();
  }

  /** {@return the failures the policy only logs} */
  public List<CheckResult> warnings() {
    return results.stream().filter(CheckResult::isWarning).toList();
  }
}
