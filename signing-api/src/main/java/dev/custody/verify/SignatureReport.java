package dev.custody.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import java.util.List;

/**
 * The report of a signature verification: the image resolved once, every signature examined with
 * its format, storage, signer and typed outcome ({@link Evidence#isVerified()} or
 * {@link Evidence#failure()}), and the overall outcome. For an index verified with
 * {@link VerifyOptions#requireAllPlatforms()}, one entry per platform manifest.
 *
 * @param image the reference as given
 * @param resolved what it resolved to; every check used this digest
 * @param outcome the overall outcome
 * @param message one sentence explaining the outcome, telling the user what to do next
 * @param examined every signature examined on the image's own manifest
 * @param platforms per-platform results; empty unless all platforms were required
 */
public record SignatureReport(
    ImageReference image,
    Descriptor resolved,
    SignatureOutcome outcome,
    String message,
    List<Evidence> examined,
    List<PlatformSignatures> platforms) {
  /**
   * Validates and copies the components.
   *
   * @param image the reference as given
   * @param resolved what it resolved to; every check used this digest
   * @param outcome the overall outcome
   * @param message one sentence explaining the outcome, telling the user what to do next
   * @param examined every signature examined on the image's own manifest
   * @param platforms per-platform results; empty unless all platforms were required
   */
  public SignatureReport {
    requireNonNull(image, "image");
    requireNonNull(resolved, "resolved");
    requireNonNull(outcome, "outcome");
    requireNonNull(message, "message");
    examined = List.copyOf(requireNonNull(examined, "examined"));
    platforms = List.copyOf(requireNonNull(platforms, "platforms"));
  }

  /** {@return whether verification passed} */
  public boolean passed() {
    return outcome.passed();
  }
}
