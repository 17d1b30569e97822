package dev.custody.core.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.oci.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our manifest digest equals {@code skopeo manifest-digest} (containers/image) on the same bytes. */
class SkopeoDigestAgreementTest {
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {"m1.json", "m1-pretty.json", "m1-unusual.json", "bundle-referrer.json", "referrers-index.json"})
  void manifestDigest_matchesSkopeo(String golden) throws Exception {
    assertTrue(Files.isExecutable(SKOPEO), "skopeo is missing: install it with `apt-get install -y skopeo`");
    Bytes raw = Golden.read(golden);
    Path file = dir.resolve(golden);
    Files.write(file, raw.toByteArray());
    Manifest manifest = ManifestCodec.parse(raw, Optional.empty());
    assertEquals(skopeoDigest(file), manifest.digest().toString());
  }

  private static String skopeoDigest(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(SKOPEO.toString(), "manifest-digest", file.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "skopeo did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
