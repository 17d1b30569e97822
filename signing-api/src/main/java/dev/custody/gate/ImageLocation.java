package dev.custody.gate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One place an image occurs in the deployment files.
 *
 * @param file the file as given in the {@link GateRequest}
 * @param document the 0-based index of the YAML document in the file (as {@code yq}'s document
 *     index counts them; empty documents count too)
 * @param line the 1-based line of the image value in the file
 * @param path the path to the image value inside the document, e.g. {@code
 *     spec.template.spec.initContainers[0].image}, or {@code items[2].spec.containers[0].image}
 *     inside a {@code List}
 * @param container the container's {@code name}, if it has one
 * @param written the image exactly as written in the file
 */
public record ImageLocation(
    Path file, int document, int line, String path, Optional<String> container, String written) {
  /**
   * Validates the components.
   *
   * @param file the file as given in the {@link GateRequest}
   * @param document the 0-based index of the YAML document in the file (as {@code yq}'s document
   *     index counts them; empty documents count too)
   * @param line the 1-based line of the image value in the file
   * @param path the path to the image value inside the document, e.g. {@code
   *     spec.template.spec.initContainers[0].image}, or {@code items[2].spec.containers[0].image}
   *     inside a {@code List}
   * @param container the container's {@code name}, if it has one
   * @param written the image exactly as written in the file
   */
  public ImageLocation {
    requireNonNull(file, "file");
    requireNonNull(path, "path");
    requireNonNull(container, "container");
    requireNonNull(written, "written");
    if (document < 0) {
      throw new IllegalArgumentException("document must be at least 0 (got " + document + ")");
    }
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1 (got " + line + ")");
    }
  }

  /**
   * {@return a one-line description for reports}, e.g. {@code deploy.yaml:14 (document 1)
   * spec.template.spec.containers[0].image, container "web"}
   */
  @Override
  public String toString() {
    return file
        + ":"
        + line
        + " (document "
        + document
        + ") "
        + path
        + container.map(c -> ", container \"" + c + "\"").orElse("");
  }
}
