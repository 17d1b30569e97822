package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's digest example, {@code ./custody digest oci:examples/src/main/resources/demo-layout:v1},
 * run in-process against the real implementation (found by ServiceLoader, as {@code java -jar}
 * finds it).
 */
class ReadmeCommandTest {
  @TempDir Path dir;

  @Test
  void readmeMainCommand_demoLayout_printsTheImageDigest() {
    String reference = DemoLayout.README_REFERENCE.replace("oci:", "oci:../"); // tests run in signing-cli/

    CliRun run = CliRun.of("digest", reference);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(DemoLayout.image().digest() + System.lineSeparator(), run.out());
  }

  @Test
  void digest_twoPlatformIndexLayout_printsIndexDigestAndJson() {
    TestImages.Index index = TestImages.index("cli");
    TestImages.writeLayout(dir, "multi", index);

    CliRun text = CliRun.of("digest", TestImages.layoutReference(dir, "multi"));
    CliRun json = CliRun.of("--output", "json", "digest", TestImages.layoutReference(dir, "multi"));

    assertEquals(0, text.exitCode(), text.toString());
    assertEquals(index.digest() + System.lineSeparator(), text.out());
    assertEquals(
        "{\"image\":\"oci:" + dir + ":multi\",\"digest\":\"" + index.digest()
            + "\",\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"size\":"
            + index.manifest().size() + "}" + System.lineSeparator(),
        json.out());
  }

  @Test
  void digest_missingTag_exit3WithHint() {
    TestImages.writeLayout(dir, "v1", TestImages.image("cli-missing"));

    CliRun run = CliRun.of("digest", TestImages.layoutReference(dir, "nope"));

    assertEquals(3, run.exitCode(), run.toString());
    assertEquals("", run.out());
  }
}
