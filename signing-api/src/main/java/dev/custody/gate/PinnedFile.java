package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A deployment file with every image pinned to its verified digest.
 *
 * <p>The content is the file's text with only the image values replaced; every other character
 * (comments, anchors, indentation, quoting of other values, line endings) is left as it was.
 *
 * @param file the file as given in the {@link GateRequest}
 * @param content the pinned text
 * @param replaced how many image values were rewritten (an image value shared through a YAML anchor
 *     is rewritten once)
 */
public record PinnedFile(Path file, String content, int replaced) {
  /**
   * Validates the components.
   *
   * @param file the file as given in the {@link GateRequest}
   * @param content the pinned text
   * @param replaced how many image values were rewritten (an image value shared through a YAML anchor
   *     is rewritten once)
   */
  public PinnedFile {
    requireNonNull(file, "file");
    requireNonNull(content, "content");
    if (replaced < 0) {
      throw new IllegalArgumentException("replaced must be at least 0 (got " + replaced + ")");
    }
  }

  /** {@return a summary without the content, which may be large} */
  @Override
  public String toString() {
    return "PinnedFile[" + file + ", " + replaced + " image(s) pinned]";
  }
}
