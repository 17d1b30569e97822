package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;

/**
 * The signed payload's {@code targetArtifact}, reduced to what binds it to an artifact: media
 * type, digest and size (FORMATS.md §5.2; annotations are user metadata, not compared).
 *
 * @param mediaType as signed
 * @param digest as signed, e.g. {@code sha256:…}
 * @param size as signed
 */
public record TargetArtifact(String mediaType, String digest, long size) {
  /** Checks for nulls. */
  public TargetArtifact {
    requireNonNull(mediaType, "mediaType");
    requireNonNull(digest, "digest");
  }

  /** {@return whether this names exactly {@code artifact} (digest, size and media type)} */
  public boolean names(Descriptor artifact) {
    return digest.equals(artifact.digest().toString())
        && size == artifact.size()
        && mediaType.equals(artifact.mediaType().value());
  }
}
