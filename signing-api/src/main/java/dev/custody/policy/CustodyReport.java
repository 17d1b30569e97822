package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * What a custody evaluation found (POLICY.md "Report"): the verdict, and for each stage whether
 * it is satisfied, the evidence that satisfied it and why every other candidate was rejected.
 * Custody renders it as JSON ({@code --output json}) or text; both show the same facts.
 *
 * <p>For an image index, {@link #stages()} holds the result for the index as a whole and {@link
 * #platforms()} the result for each platform manifest (empty when the policy's {@code platforms}
 * is {@code index} or the image is a single manifest).
 *
 * @param image the image reference as the caller named it
 * @param digest the digest the reference resolved to, which every piece of evidence must name
 * @param policy the policy's name
 * @param policyDigest SHA-256 of the policy file bytes
 * @param evaluatedAt the clock reading the evaluation used
 * @param verdict {@link Verdict#PASS} only if every stage (and platform, if required) is satisfied
 * @param stages the stage results, in policy order
 * @param platforms per-platform results for an image index, in index order
 * @param unmatched candidates that no stage asked for (another predicate type, or a candidate so
 *     broken its type is unknown), listed so nothing found goes unreported; a verified one has no
 *     reason and is listed for information
 */
public record CustodyReport(
    String image,
    Digest digest,
    String policy,
    Digest policyDigest,
    Instant evaluatedAt,
    Verdict verdict,
    List<StageResult> stages,
    List<PlatformResult> platforms,
    List<Evidence> unmatched) {
  /**
   * Validates and copies the components.
   *
   * @param image the image reference as the caller named it
   * @param digest the digest the reference resolved to, which every piece of evidence must name
   * @param policy the policy's name
   * @param policyDigest SHA-256 of the policy file bytes
   * @param evaluatedAt the clock reading the evaluation used
   * @param verdict {@link Verdict#PASS} only if every stage (and platform, if required) is satisfied
   * @param stages the stage results, in policy order
   * @param platforms per-platform results for an image index, in index order
   * @param unmatched candidates that no stage asked for (another predicate type, or a candidate so
   *     broken its type is unknown), listed so nothing found goes unreported; a verified one has no
   *     reason and is listed for information
   */
  public CustodyReport {
    requireNonNull(image, "image");
    requireNonNull(digest, "digest");
    requireNonNull(policy, "policy");
    requireNonNull(policyDigest, "policyDigest");
    requireNonNull(evaluatedAt, "evaluatedAt");
    requireNonNull(verdict, "verdict");
    stages = List.copyOf(requireNonNull(stages, "stages"));
    platforms = List.copyOf(requireNonNull(platforms, "platforms"));
    unmatched = List.copyOf(requireNonNull(unmatched, "unmatched"));
  }

  /** {@return whether the verdict is {@link Verdict#PASS}} */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }
}
