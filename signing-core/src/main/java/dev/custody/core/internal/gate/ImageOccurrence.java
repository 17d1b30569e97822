package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.gate.YamlNode.ScalarNode;
import dev.custody.gate.ImageLocation;
import dev.custody.oci.ImageReference;

/**
 * One image value found in a deployment file: the normalised reference, where it is, and the scalar
 * that holds it (shared by every occurrence that reaches it through an alias).
 */
record ImageOccurrence(ImageReference reference, ImageLocation location, ScalarNode scalar) {
  ImageOccurrence {
    requireNonNull(reference, "reference");
    requireNonNull(location, "location");
    requireNonNull(scalar, "scalar");
  }
}
