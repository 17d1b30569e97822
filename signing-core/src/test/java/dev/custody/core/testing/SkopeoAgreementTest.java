package dev.custody.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks our digests with skopeo's: a layout built in-process, pushed to the fixture registry
 * and read back by skopeo, shows the digest we computed over the exact bytes.
 */
class SkopeoAgreementTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
  @RegisterExtension static final RegistryFixture SECURED = RegistryFixture.withBasicAuth();

  @TempDir Path dir;

  @Test
  void pushedImage_inspectedBySkopeo_hasOurManifestDigest() {
    TestImages.Image image = TestImages.image("push-image");
    TestImages.writeLayout(dir, "v1", image);
    String target = "docker://" + REGISTRY.reference(REGISTRY.uniqueRepository("push-image"), "v1");

    Skopeo.system().copy(TestImages.layoutReference(dir, "v1"), target);
    Bytes raw = Skopeo.system().inspectRaw(target);

    assertEquals(image.digest(), Digest.of(raw));
    assertEquals(image.manifest().content(), raw);
  }

  @Test
  void pushedIndex_inspectedBySkopeo_hasOurIndexDigest_andEachPlatformIsThere() {
    TestImages.Index index = TestImages.index("push-index");
    TestImages.writeLayout(dir, "multi", index);
    String repository = REGISTRY.uniqueRepository("push-index");
    String target = "docker://" + REGISTRY.reference(repository, "multi");

    Skopeo.system().copy(TestImages.layoutReference(dir, "multi"), target);

    assertEquals(index.digest(), Digest.of(Skopeo.system().inspectRaw(target)));
    for (TestImages.Image image : index.images()) {
      String byDigest = "docker://" + REGISTRY.hostPort() + "/" + repository + "@" + image.digest();
      assertEquals(image.digest(), Digest.of(Skopeo.system().inspectRaw(byDigest)));
    }
  }

  @Test
  void securedRegistry_pushWithCredentials_inspectShowsOurDigest() {
    TestImages.Image image = TestImages.image("push-secured");
    TestImages.writeLayout(dir, Map.of("v1", image));
    String target = "docker://" + SECURED.reference(SECURED.uniqueRepository("push-secured"), "v1");
    Skopeo skopeo = Skopeo.system().withCredentials(SECURED);

    skopeo.copy(TestImages.layoutReference(dir, "v1"), target);

    assertEquals(image.digest(), Digest.of(skopeo.inspectRaw(target)));
  }

  @Test
  void securedRegistry_inspectWithoutCredentials_fails() {
    TestImages.Image image = TestImages.image("secured-anon");
    TestImages.writeLayout(dir, "v1", image);
    String target = "docker://" + SECURED.reference(SECURED.uniqueRepository("secured-anon"), "v1");
    Skopeo.system().withCredentials(SECURED).copy(TestImages.layoutReference(dir, "v1"), target);

    Skopeo.Result result =
        Skopeo.system().run(List.of("inspect", "--raw", "--tls-verify=false", target));

    assertEquals(1, result.exitCode(), result.stderr());
  }

  /** Manifests whose bytes differ from any canonical form: odd whitespace, key order, escapes. */
  static List<String> unusualManifests() {
    String config =
        "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
            + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}";
    return List.of(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + config + ",\"layers\":[]}",
        "{\n\t\"layers\" : [ ],\n  \"config\":   " + config + " ,\r\n\"schemaVersion\" :2 }\n\n",
        "   {\"mediaType\":\"application\\/vnd.oci.image.manifest.v1+json\",\"schemaVersion\":2,"
            + "\"annotations\":{\"z\":\"\\u00e9t\\u00e9\",\"a\":\"été\"},\"config\":" + config
            + ",\"layers\":[]}   ",
        "{\"schemaVersion\":2,\"config\":" + config + ",\"layers\":[],\"schemaVersion\":2}");
  }

  @ParameterizedTest
  @MethodSource("unusualManifests")
  void manifestDigest_unusualBytes_skopeoAgreesWithDigestOf(String manifest) throws IOException {
    Bytes bytes = Bytes.of(manifest.getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("manifest.json"), bytes.toByteArray());

    assertEquals(Skopeo.system().manifestDigest(file), Digest.of(bytes));
  }
}
