package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import dev.custody.store.CopyEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display of {@code copy}, {@code copy --promote} and {@code export}: lines on stderr
 * when a person watches, nothing at all for scripts (no terminal, as in every other in-process
 * test) or with {@code --output json}, and never a byte of it on stdout.
 */
class CopyProgressTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;

  private static Terminal watched() {
    return new Terminal(Map.of(), CliRun.stdin(""), Optional.empty(), true);
  }

  private String layout(String name) {
    TestImages.Image image = TestImages.image(name);
    return TestImages.layoutReference(TestImages.writeLayout(dir.resolve(name), "v1", image), "v1");
  }

  @Test
  void events_copiedBlobAndManifestShown_skippedBlobOnlyCounted() {
    StringWriter err = new StringWriter();
    CopyProgress progress = new CopyProgress("custody copy", new PrintWriter(err));
    Descriptor layer = Descriptor.ofContent(MediaType.OCI_LAYER, Bytes.of(new byte[3 * 1024]));
    Descriptor config = Descriptor.ofContent(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
    Descriptor manifest = Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

    progress.handled(new CopyEvent(CopyEvent.Kind.BLOB, layer, CopyEvent.Outcome.COPIED));
    progress.handled(new CopyEvent(CopyEvent.Kind.BLOB, config, CopyEvent.Outcome.SKIPPED));
    progress.handled(new CopyEvent(CopyEvent.Kind.MANIFEST, manifest, CopyEvent.Outcome.COPIED));

    String shortLayer = layer.digest().toString().substring(0, "sha256:".length() + 12);
    String shortManifest = manifest.digest().toString().substring(0, "sha256:".length() + 12);
    assertEquals(
        List.of(
            "custody copy: copied blob " + shortLayer + " (3.0 KiB); 1 blob(s) copied (3.0 KiB), 0 skipped, 0 manifest(s)",
            "custody copy: wrote manifest " + shortManifest + "; 1 blob(s) copied (3.0 KiB), 1 skipped, 1 manifest(s)"),
        err.toString().lines().toList());
  }

  @Test
  void bytes_unitsFromBytesToGibibytes() {
    assertEquals("1023 B", CopyProgress.bytes(1023));
    assertEquals("1.0 KiB", CopyProgress.bytes(1024));
    assertEquals("1.5 MiB", CopyProgress.bytes(3L * 512 * 1024));
    assertEquals("2.0 GiB", CopyProgress.bytes(2L * 1024 * 1024 * 1024));
  }

  @Test
  void copy_watchedTerminal_progressOnStderrOnly() {
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository("progress"), "v1");

    CliRun run = CliRun.in(watched(), "copy", layout("progress"), remote);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(1, run.out().lines().count(), run.toString());
    assertTrue(run.out().startsWith("copied "), run.toString());
    List<String> lines = run.err().lines().toList();
    assertEquals(3, lines.size(), run.toString()); // the layer, the config, the manifest
    assertTrue(lines.get(0).startsWith("custody copy: copied blob sha256:"), run.toString());
    assertTrue(
        lines.get(2).startsWith("custody copy: wrote manifest sha256:")
            && lines.get(2).endsWith(", 0 skipped, 1 manifest(s)"),
        run.toString());
  }

  @Test
  void copy_notATerminal_stderrEmpty() {
    CliRun run = CliRun.of("copy", layout("quiet"), "oci:" + dir.resolve("dst") + ":v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("", run.err());
    assertEquals(1, run.out().lines().count(), run.toString());
  }

  @Test
  void copy_watchedTerminalWithJson_noProgressAndOneDocument() {
    CliRun run = CliRun.in(watched(), "--output", "json", "copy", layout("json"), "oci:" + dir.resolve("dst") + ":v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("", run.err());
    assertEquals(1, run.out().lines().count(), run.toString());
    assertTrue(run.out().startsWith("{\"source\":"), run.toString());
  }

  @Test
  void export_watchedTerminal_progressOnStderrAndNotATerminalNothing() {
    String image = layout("export");

    CliRun watchedRun = CliRun.in(watched(), "export", image, "oci:" + dir.resolve("offline"));
    CliRun scripted = CliRun.of("export", image, "oci:" + dir.resolve("offline2"));

    assertEquals(0, watchedRun.exitCode(), watchedRun.toString());
    assertTrue(watchedRun.err().contains("custody export: wrote manifest sha256:"), watchedRun.toString());
    assertFalse(watchedRun.out().contains("custody export:"), watchedRun.toString());
    assertEquals(0, scripted.exitCode(), scripted.toString());
    assertEquals("", scripted.err());
  }

  @Test
  void copyPromote_watchedTerminal_progressOnStderr() {
    Map<String, String> env = Map.of("CUSTODY_PASSWORD", GenerateKeyPairCommandTest.PASSWORD);
    CliRun keys = CliRun.withEnv(env, "generate-key-pair", "--output-key-prefix", dir.resolve("release").toString());
    assertEquals(0, keys.exitCode(), keys.toString());
    Terminal terminal = new Terminal(env, CliRun.stdin(""), Optional.empty(), true);

    CliRun run =
        CliRun.in(
            terminal,
            "copy",
            "--promote",
            "--key",
            dir.resolve("release.key").toString(),
            layout("promote"),
            "oci:" + dir.resolve("prod") + ":v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("custody copy: copied blob sha256:"), run.toString());
    assertTrue(run.out().contains("promotion attested on "), run.toString());
    assertFalse(run.out().contains("custody copy:"), run.toString());
  }
}
