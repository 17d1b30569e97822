package dev.custody.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImagesTest {
  @TempDir Path dir;

  @Test
  void layer_listedBySystemTar_holdsBothFilesWithTheirContent() throws Exception {
    TestImages.Image image = TestImages.image("tar-check");
    Path tarFile = Files.write(dir.resolve("layer.tar"), image.layer().content().toByteArray());

    String listing = runTar("-tvf", tarFile.toString());
    String hello = runTar("-xOf", tarFile.toString(), "hello.txt");

    assertTrue(listing.contains("hello.txt") && listing.contains("etc/platform"), listing);
    assertEquals("hello from the custody test image tar-check\n", hello);
    assertEquals(0, image.layer().size() % 512);
  }

  @Test
  void image_sameVariant_sameDigests_otherVariant_otherDigests() {
    assertEquals(TestImages.image("a").digest(), TestImages.image("a").digest());
    assertNotEquals(TestImages.image("a").digest(), TestImages.image("b").digest());
  }

  @Test
  void image_manifest_namesConfigAndLayerByDigest() {
    TestImages.Image image = TestImages.image("refs");
    String manifest = image.manifest().content().asUtf8();

    assertTrue(manifest.contains("\"digest\":\"" + image.config().digest() + "\""), manifest);
    assertTrue(manifest.contains("\"digest\":\"" + image.layer().digest() + "\""), manifest);
    assertTrue(
        image.config().content().asUtf8().contains("\"diff_ids\":[\"" + image.layer().digest() + "\"]"));
  }

  @Test
  void index_twoPlatforms_listsBothManifestsWithPlatforms() {
    TestImages.Index index = TestImages.index("multi");
    String json = index.manifest().content().asUtf8();

    assertEquals(2, index.images().size());
    for (TestImages.Image image : index.images()) {
      assertTrue(json.contains(image.digest().toString()), json);
    }
    assertTrue(json.contains("\"architecture\":\"amd64\",\"os\":\"linux\""), json);
    assertTrue(json.contains("\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\""), json);
    assertNotEquals(index.images().get(0).digest(), index.images().get(1).digest());
  }

  @Test
  void writeLayout_everyBlobStoredUnderItsDigest_andTagsInIndexJson() throws IOException {
    TestImages.Image image = TestImages.image("layout");
    TestImages.Index index = TestImages.index("layout");
    Map<String, TestImages.Artifact> tags = new LinkedHashMap<>();
    tags.put("v1", image);
    tags.put("multi", index);

    TestImages.writeLayout(dir, tags);

    try (var files = Files.list(dir.resolve("blobs/sha256"))) {
      files.forEach(
          f -> {
            Bytes content = readBytes(f);
            assertEquals(f.getFileName().toString(), Digest.of(content).hex(), "blob " + f);
          });
    }
    assertTrue(Files.exists(dir.resolve("blobs/sha256").resolve(index.images().get(1).config().digest().hex())));
    String indexJson = Files.readString(dir.resolve("index.json"));
    assertTrue(indexJson.contains("\"org.opencontainers.image.ref.name\":\"v1\""), indexJson);
    assertTrue(indexJson.contains("\"digest\":\"" + index.digest() + "\""), indexJson);
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("oci-layout")));
  }

  private static Bytes readBytes(Path f) {
    try {
      return Bytes.of(Files.readAllBytes(f));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String runTar(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "tar";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tar did not finish");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }
}
