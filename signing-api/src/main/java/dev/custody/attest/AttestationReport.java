package dev.custody.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.Verdict;
import java.util.List;

/**
 * The report of an attestation verification: the image resolved once, the predicate type asked for,
 * every candidate examined as {@link Evidence} (verified, or rejected with its {@link
 * Evidence#failure() reason}: a bad signature, a foreign payload type, a statement about another
 * digest, …) and the outcome. Candidates whose verified predicate type is another type are not
 * listed; rejected candidates are listed when they claim the type or their type is unknown.
 *
 * @param image the reference as given
 * @param resolved what it resolved to; every check used this digest
 * @param predicateType the predicate type URI verified
 * @param outcome the overall outcome
 * @param message one sentence explaining the outcome, telling the user what to do next
 * @param examined the candidates examined on the image's own manifest
 * @param platforms per-platform candidates; empty unless all platforms were required
 */
public record AttestationReport(
    ImageReference image,
    Descriptor resolved,
    String predicateType,
    AttestationOutcome outcome,
    String message,
    List<Evidence> examined,
    List<PlatformEvidence> platforms) {
  /**
   * Validates and copies the components.
   *
   * @param image the reference as given
   * @param resolved what it resolved to; every check used this digest
   * @param predicateType the predicate type URI verified
   * @param outcome the overall outcome
   * @param message one sentence explaining the outcome, telling the user what to do next
   * @param examined the candidates examined on the image's own manifest
   * @param platforms per-platform candidates; empty unless all platforms were required
   */
  public AttestationReport {
    requireNonNull(image, "image");
    requireNonNull(resolved, "resolved");
    requireNonNull(predicateType, "predicateType");
    requireNonNull(outcome, "outcome");
    requireNonNull(message, "message");
    examined = List.copyOf(requireNonNull(examined, "examined"));
    platforms = List.copyOf(requireNonNull(platforms, "platforms"));
  }

  /** {@return whether verification passed} */
  public boolean passed() {
    return outcome.passed();
  }

  /** {@return {@link Verdict#PASS} exactly when {@link #passed()}} */
  public Verdict verdict() {
    return passed() ? Verdict.PASS : Verdict.FAIL;
  }
}
