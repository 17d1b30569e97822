package dev.custody.store;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;

/**
 * What a copy did. The digest of the copied image is unchanged: {@code root} names it at the
 * destination.
 *
 * @param source the source reference as given
 * @param destination the destination reference as given
 * @param root the image's manifest descriptor (resolved once at the source)
 * @param attachments signature, attestation and other attachment manifests copied with it
 * @param blobsCopied blobs transferred
 * @param blobsSkipped blobs the destination already had, or that were mounted
 */
public record CopyResult(
    ImageReference source,
    ImageReference destination,
    Descriptor root,
    int attachments,
    int blobsCopied,
    int blobsSkipped) {
  /**
   * Validates the components.
   *
   * @param source the source reference as given
   * @param destination the destination reference as given
   * @param root the image's manifest descriptor (resolved once at the source)
   * @param attachments signature, attestation and other attachment manifests copied with it
   * @param blobsCopied blobs transferred
   * @param blobsSkipped blobs the destination already had, or that were mounted
   */
  public CopyResult {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
    requireNonNull(root, "root");
  }
}
