package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CopyCommandTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;

  @Test
  void copy_layoutToRegistryAndBack_digestUnchangedInTextAndJson() {
    TestImages.Index index = TestImages.index("cli-copy");
    String source = TestImages.layoutReference(TestImages.writeLayout(dir.resolve("src"), "v1", index), "v1");
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository("cli-copy"), "v1");

    CliRun up = CliRun.of("copy", source, remote);
    CliRun down = CliRun.of("--output", "json", "copy", remote, "oci:" + dir.resolve("back") + ":v1");
    CliRun digest = CliRun.of("digest", remote);

    assertEquals(0, up.exitCode(), up.toString());
    assertTrue(up.out().contains(index.digest().toString()), up.toString());
    assertEquals(0, down.exitCode(), down.toString());
    assertTrue(down.out().contains("\"digest\":\"" + index.digest() + "\""), down.toString());
    assertEquals(index.digest() + System.lineSeparator(), digest.out(), digest.toString());
  }

  @Test
  void copy_missingSourceTag_exitsThreeNamingIt() {
    TestImages.Image image = TestImages.image("cli-copy-missing");
    String layout = TestImages.layoutReference(TestImages.writeLayout(dir.resolve("src"), "v1", image), "nope");

    CliRun run = CliRun.of("copy", layout, "oci:" + dir.resolve("dst") + ":v1");

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("nope"), run.toString());
  }
}
