package dev.custody.cli;

import dev.custody.core.testing.TestImages;
import java.nio.file.Path;

/**
 * The tiny OCI layout committed at {@code examples/src/main/resources/demo-layout} for the
 * README's main command (until {@code custody demo} replaces it). It is built by
 * {@link TestImages}; {@code DemoLayoutTest} checks the committed files match, and regenerates
 * them when run with {@code -Dcustody.regenerateDemoLayout=true}.
 */
final class DemoLayout {
  static final String TAG = "v1";
  /** Relative to the signing-cli module, where surefire runs the tests. */
  static final Path DIRECTORY = Path.of("..", "examples", "src", "main", "resources", "demo-layout");
  /** As the README writes it, relative to the repository root. */
  static final String README_REFERENCE = "oci:examples/src/main/resources/demo-layout:v1";

  private DemoLayout() {}

  static TestImages.Image image() {
    return TestImages.image("demo");
  }
}
