package dev.custody.store;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;

/**
 * One manifest or blob a copy has just handled, as reported to a {@link CopyListener}.
 *
 * @param kind whether {@code descriptor} is a manifest or a blob
 * @param descriptor the manifest or blob: its digest, media type and size
 * @param outcome what the copy did with it
 * @since 0.1
 */
public record CopyEvent(Kind kind, Descriptor descriptor, Outcome outcome) {
  /**
   * Validates the components.
   *
   * @param kind whether {@code descriptor} is a manifest or a blob
   * @param descriptor the manifest or blob: its digest, media type and size
   * @param outcome what the copy did with it
   */
  public CopyEvent {
    requireNonNull(kind, "kind");
    requireNonNull(descriptor, "descriptor");
    requireNonNull(outcome, "outcome");
  }

  /** What was handled. */
  public enum Kind {
    /** An image manifest or index (of the image, or of one of its attachments). */
    MANIFEST,
    /** A config or layer blob. */
    BLOB
  }

  /** What the copy did with it. */
  public enum Outcome {
    /** Written to the destination (a blob's bytes passed through this process). */
    COPIED,
    /** A blob mounted from another repository of the same registry (no bytes transferred). */
    MOUNTED,
    /**
     * A blob not transferred: the destination already had it, or it is a non-distributable layer
     * left at its URLs.
     */
    SKIPPED
  }
}
