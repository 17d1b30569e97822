package dev.custody.core.internal.gate;

import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;

/**
 * Writes an image pinned to a digest in the user's own spelling: the name as written, then
 * {@code @} and the digest. A tag (or digest) that was written is dropped, and nothing is added:
 * {@code nginx:1.27} becomes {@code nginx@sha256:…}, not {@code docker.io/library/nginx@sha256:…}.
 */
final class PinnedReferences {
  private PinnedReferences() {}

  /**
   * {@return {@code written} pinned to {@code digest}}
   *
   * @param written the image as written in the file
   * @param reference {@code written} parsed
   * @param digest the verified digest
   * @throws IllegalStateException if the result would not read back as {@code reference} pinned to
   *     {@code digest} (a bug; never expected)
   */
  static String pin(String written, ImageReference reference, Digest digest) {
    String name = written;
    if (reference.digest().isPresent()) {
      name = name.substring(0, name.lastIndexOf('@'));
    }
    if (reference.tag().isPresent() && name.endsWith(":" + reference.tag().get())) {
      name = name.substring(0, name.length() - reference.tag().get().length() - 1);
    }
    String pinned = name + "@" + digest;
    ImageReference expected = reference.pinned(digest);
    if (!ImageReference.tryParse(pinned).map(expected::equals).orElse(false)) {
      throw new IllegalStateException(
          "pin "
              + Texts.shorten(written)
              + ": \""
              + Texts.shorten(pinned)
              + "\" does not read back as "
              + expected);
    }
    return pinned;
  }
}
