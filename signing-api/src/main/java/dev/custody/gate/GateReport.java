package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the gate found: every distinct image with its verdict and locations, the documents it did
 * not look into, and (when pinning was asked for and every image passed) the pinned files.
 *
 * @param images one entry per distinct image, in the order of first occurrence
 * @param skipped documents of kinds the gate does not know, in file and document order
 * @param pinned the pinned files, in request order; empty unless {@link GateOptions#pin()} was set
 *     and every image passed (a failing gate never produces deployable output)
 */
public record GateReport(
    List<GateImage> images, List<SkippedDocument> skipped, List<PinnedFile> pinned) {
  /**
   * Validates and copies the components.
   *
   * @param images one entry per distinct image, in the order of first occurrence
   * @param skipped documents of kinds the gate does not know, in file and document order
   * @param pinned the pinned files, in request order; empty unless {@link GateOptions#pin()} was set
   *     and every image passed (a failing gate never produces deployable output)
   */
  public GateReport {
    images = List.copyOf(requireNonNull(images, "images"));
    skipped = List.copyOf(requireNonNull(skipped, "skipped"));
    pinned = List.copyOf(requireNonNull(pinned, "pinned"));
    if (!pinned.isEmpty() && !images.stream().allMatch(GateImage::passed)) {
      throw new IllegalArgumentException(
          "a gate report with a failed image carries no pinned files");
    }
  }

  /**
   * {@return whether every image passed}; true when the files hold no image at all (nothing to
   * run), so a caller that must refuse unknown kinds also checks {@link #skipped()}
   */
  public boolean passed() {
    return images.stream().allMatch(GateImage::passed);
  }

  /** {@return the images that did not pass, in report order} */
  public List<GateImage> failures() {
    return images.stream()
        .filter(i -> !i.passed())
        .collect(java.util.stream.Collectors.toUnmodifiableList());
  }
}
