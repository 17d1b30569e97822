package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyReport;
import dev.custody.verify.SignatureReport;
import java.util.List;
import java.util.Optional;

/**
 * The gate's result for one distinct image: it was checked once, however often it occurs.
 *
 * <p>Two spellings of the same reference ({@code nginx} and {@code docker.io/library/nginx:latest})
 * are one image; {@link #locations()} keeps how each occurrence was written.
 *
 * @param reference the normalised reference that was checked
 * @param digest the digest the reference resolved to when it was checked, which is what a pinned
 *     file names; present whenever the verdict is {@link GateVerdict#PASS}, and for a failed image
 *     whenever it could be resolved
 * @param verdict pass, fail, or error (could not be checked)
 * @param reasons why the image failed or could not be checked, one readable sentence each; for a
 *     passed image, what satisfied the check (may be empty)
 * @param error the failure's reason when the verdict is {@link GateVerdict#ERROR}; empty otherwise
 * @param locations every place the image occurs, in file and document order; never empty
 * @param custodyReport the custody report, when the gate evaluated a custody policy
 * @param signatureReport the signature report, when the gate verified against a key
 */
public record GateImage(
    ImageReference reference,
    Optional<Digest> digest,
    GateVerdict verdict,
    List<String> reasons,
    Optional<CustodyException.Reason> error,
    List<ImageLocation> locations,
    Optional<CustodyReport> custodyReport,
    Optional<SignatureReport> signatureReport) {
  /**
   * Validates and copies the components.
   *
   * @param reference the normalised reference that was checked
   * @param digest the digest the reference resolved to when it was checked, which is what a pinned
   *     file names; present whenever the verdict is {@link GateVerdict#PASS}, and for a failed image
   *     whenever it could be resolved
   * @param verdict pass, fail, or error (could not be checked)
   * @param reasons why the image failed or could not be checked, one readable sentence each; for a
   *     passed image, what satisfied the check (may be empty)
   * @param error the failure's reason when the verdict is {@link GateVerdict#ERROR}; empty otherwise
   * @param locations every place the image occurs, in file and document order; never empty
   * @param custodyReport the custody report, when the gate evaluated a custody policy
   * @param signatureReport the signature report, when the gate verified against a key
   */
  public GateImage {
    requireNonNull(reference, "reference");
    requireNonNull(digest, "digest");
    requireNonNull(verdict, "verdict");
    reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    requireNonNull(error, "error");
    locations = List.copyOf(requireNonNull(locations, "locations"));
    requireNonNull(custodyReport, "custodyReport");
    requireNonNull(signatureReport, "signatureReport");
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("image " + reference + " has no locations");
    }
    if (verdict == GateVerdict.PASS && digest.isEmpty()) {
      throw new IllegalArgumentException("passed image " + reference + " has no digest");
    }
    if ((verdict == GateVerdict.ERROR) != error.isPresent()) {
      throw new IllegalArgumentException(
          "image " + reference + ": an error reason goes with the verdict ERROR and only with it");
    }
  }

  /** {@return whether the image passed} */
  public boolean passed() {
    return verdict == GateVerdict.PASS;
  }
}
