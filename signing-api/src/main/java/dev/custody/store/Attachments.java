package dev.custody.store;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import java.util.List;

/**
 * Everything attached to one image: cosign tags first (signatures, attestations, SBOMs), then
 * referrers in the store's order.
 *
 * @param image the reference as given
 * @param resolved what it resolved to; the attachments are those of this digest
 * @param attachments the attachments found
 * @since 0.1
 */
public record Attachments(ImageReference image, Descriptor resolved, List<Attachment> attachments) {
  /** The most attachments listed for one image; more is a {@code LIMIT_EXCEEDED} error. */
  public static final int MAX_ATTACHMENTS = 1000;

  /**
   * Validates and copies the components.
   *
   * @param image the reference as given
   * @param resolved what it resolved to; the attachments are those of this digest
   * @param attachments the attachments found
   */
  public Attachments {
    requireNonNull(image, "image");
    requireNonNull(resolved, "resolved");
    attachments = List.copyOf(requireNonNull(attachments, "attachments"));
  }
}
