package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A YAML document the gate did not look into because it is of no kind the gate knows (for example a
 * {@code Service}, a {@code ConfigMap}, or a custom resource). Listed so that a caller can see what
 * went unchecked, and refuse it if a custom resource could run images.
 *
 * @param file the file as given in the {@link GateRequest}
 * @param document the 0-based index of the document in the file
 * @param line the 1-based line where the document's content starts
 * @param kind the document's {@code kind}, or empty if it has none (or is not a mapping)
 */
public record SkippedDocument(Path file, int document, int line, String kind) {
  /**
   * Validates the components.
   *
   * @param file the file as given in the {@link GateRequest}
   * @param document the 0-based index of the document in the file
   * @param line the 1-based line where the document's content starts
   * @param kind the document's {@code kind}, or empty if it has none (or is not a mapping)
   */
  public SkippedDocument {
    requireNonNull(file, "file");
    requireNonNull(kind, "kind");
    if (document < 0) {
      throw new IllegalArgumentException("document must be at least 0 (got " + document + ")");
    }
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1 (got " + line + ")");
    }
  }
}
