package dev.custody.core.internal.notary;

import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.notary.NotarySignatureManifest;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import java.util.Optional;

/**
 * Picks the Notary Project signatures of an artifact out of its referrers (FORMATS.md §5.1):
 * manifests that {@link NotarySignatureManifest#isNotarySignature} accepts (OCI 1.1 or legacy
 * form) and whose {@code subject} is the artifact.
 *
 * <p>Unlike {@link NotarySignatureManifest#envelopeLayer}, the layer's media type is not checked
 * here: notation hands it to its envelope parser, which rejects an unknown type as an
 * <em>integrity</em> failure of that signature (fixtures README §4.5), and so does the evaluator.
 */
public final class NotarySignatureManifests {
  private NotarySignatureManifests() {}

  /**
   * Looks at one manifest.
   *
   * @param manifest a manifest found for {@code subject}
   * @param subject the artifact whose signatures are wanted
   * @return empty if this is not a Notary signature of {@code subject}; else its single layer
   * @throws InvalidInputException if it is a Notary signature of {@code subject} without exactly
   *     one layer; the caller reports that signature as failing integrity
   */
  public static Optional<Descriptor> envelopeLayer(Manifest manifest, Digest subject)
      throws InvalidInputException {
    if (!(manifest instanceof ImageManifest)) {
      return Optional.empty();
    }
    ImageManifest m = (ImageManifest) manifest;
    if (!NotarySignatureManifest.isNotarySignature(m)
        || m.subject().map(s -> !s.digest().equals(subject)).orElse(true)) {
      return Optional.empty();
    }
    if (m.layers().size() != 1) {
      throw new InvalidInputException(
          "read Notary signature manifest " + m.digest() + ": layers: expected exactly one"
              + " envelope (got " + m.layers().size() + ")");
    }
    return Optional.of(m.layers().get(0));
  }
}
