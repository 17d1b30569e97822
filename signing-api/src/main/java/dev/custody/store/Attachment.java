package dev.custody.store;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * One manifest attached to an image: a cosign tag or a referrer. Nothing about it is verified;
 * it is what {@code custody tree} lists.
 *
 * @param kind what it is, read from its tag suffix, artifact type or annotations
 * @param storage how it was found
 * @param digest the digest of the attached manifest
 * @param artifactType the referrer's artifact type (or, for a cosign tag, the manifest's config
 *     media type), if it has one
 * @param tag the tag it is stored under, for {@link AttachmentStorage#COSIGN_TAG}
 * @param predicateType the in-toto predicate type an annotation names, if any
 * @param layers the digests of the manifest's layers (each cosign {@code .sig} layer is one
 *     signature); empty for an index
 * @since 0.1
 */
public record Attachment(
    AttachmentKind kind,
    AttachmentStorage storage,
    Digest digest,
    Optional<String> artifactType,
    Optional<String> tag,
    Optional<String> predicateType,
    List<Digest> layers) {
  /**
   * Validates and copies the components.
   *
   * @param kind what it is, read from its tag suffix, artifact type or annotations
   * @param storage how it was found
   * @param digest the digest of the attached manifest
   * @param artifactType the referrer's artifact type (or, for a cosign tag, the manifest's config
   *     media type), if it has one
   * @param tag the tag it is stored under, for {@link AttachmentStorage#COSIGN_TAG}
   * @param predicateType the in-toto predicate type an annotation names, if any
   * @param layers the digests of the manifest's layers (each cosign {@code .sig} layer is one
   *     signature); empty for an index
   */
  public Attachment {
    requireNonNull(kind, "kind");
    requireNonNull(storage, "storage");
    requireNonNull(digest, "digest");
    requireNonNull(artifactType, "artifactType");
    requireNonNull(tag, "tag");
    requireNonNull(predicateType, "predicateType");
    layers = List.copyOf(requireNonNull(layers, "layers"));
  }
}
