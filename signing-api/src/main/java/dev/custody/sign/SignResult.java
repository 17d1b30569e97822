package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import java.util.List;

/**
 * What {@code sign} did: the image, resolved once to its digest, and every signature stored (one,
 * or one per manifest when signing an index recursively).
 *
 * @param image the reference as given
 * @param resolved the descriptor the reference resolved to; everything after used its digest
 * @param signatures the signatures stored, index first
 */
public record SignResult(ImageReference image, Descriptor resolved, List<StoredSignature> signatures) {
  /**
   * Validates and copies the components.
   *
   * @param image the reference as given
   * @param resolved the descriptor the reference resolved to; everything after used its digest
   * @param signatures the signatures stored, index first
   */
  public SignResult {
    requireNonNull(image, "image");
    requireNonNull(resolved, "resolved");
    signatures = List.copyOf(requireNonNull(signatures, "signatures"));
  }
}
