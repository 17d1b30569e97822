package dev.custody.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.sign.StoredSignature;
import java.util.List;

/**
 * What {@code attest} did: the image, resolved once to its digest, the predicate type, and every
 * attestation stored (one, or one per manifest when attesting an index recursively).
 *
 * @param image the reference as given
 * @param resolved the descriptor the reference resolved to; every statement names its digest (or
 *     that of one of its platform manifests)
 * @param predicateType the predicate type URI of the statements
 * @param attestations the attestations stored, index first
 */
public record AttestResult(
    ImageReference image,
    Descriptor resolved,
    String predicateType,
    List<StoredSignature> attestations) {
  /**
   * Validates and copies the components.
   *
   * @param image the reference as given
   * @param resolved the descriptor the reference resolved to; every statement names its digest (or
   *     that of one of its platform manifests)
   * @param predicateType the predicate type URI of the statements
   * @param attestations the attestations stored, index first
   */
  public AttestResult {
    requireNonNull(image, "image");
    requireNonNull(resolved, "resolved");
    requireNonNull(predicateType, "predicateType");
    attestations = List.copyOf(requireNonNull(attestations, "attestations"));
  }
}
