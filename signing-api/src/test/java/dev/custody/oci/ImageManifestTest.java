package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link ImageManifest} and {@link ImageIndex}: exact bytes, descriptors, builders. */
class ImageManifestTest {
  /** M1, FORMATS.md §1.4: 395 bytes, one line. */
  static final Bytes M1 =
      Bytes.utf8(
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
              + "\"digest\":\"sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322\",\"size\":151},"
              + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
              + "\"digest\":\"sha256:c8d8123a262bd94feca2723fe165758f7532781ee36b238d0d8b8d6dfc2cbeaa\",\"size\":15}]}");

  /** The same JSON value as M1 pretty-printed with two spaces: 470 bytes, another manifest. */
  static final Bytes M1_PRETTY =
      Bytes.utf8(
          "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n"
              + "  \"config\": {\n    \"mediaType\": \"application/vnd.oci.image.config.v1+json\",\n"
              + "    \"digest\": \"sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322\",\n"
              + "    \"size\": 151\n  },\n  \"layers\": [\n    {\n"
              + "      \"mediaType\": \"application/vnd.oci.image.layer.v1.tar\",\n"
              + "      \"digest\": \"sha256:c8d8123a262bd94feca2723fe165758f7532781ee36b238d0d8b8d6dfc2cbeaa\",\n"
              + "      \"size\": 15\n    }\n  ]\n}");

  static final Descriptor CONFIG =
      Descriptor.of(
          MediaType.OCI_CONFIG,
          Digest.parse("sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322"),
          151);
  static final Descriptor LAYER = Descriptor.of(MediaType.OCI_LAYER, DescriptorTest.LAYER_DIGEST, 15);

  private static ImageManifest.Builder m1Fields() {
    return ImageManifest.builder(MediaType.OCI_MANIFEST, CONFIG).layers(List.of(LAYER));
  }

  private static void assertNpe(String name, Executable call) {
    assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void digest_isOverTheExactBytes() {
    ImageManifest m = m1Fields().build(M1);
    assertEquals(395, m.raw().size());
    assertEquals("sha256:" + DigestTest.M1_HEX, m.digest().toString());
    assertEquals(M1, m.raw());
  }

  @Test
  void digest_ofTheSameJsonPrettyPrinted_differs() {
    ImageManifest pretty = m1Fields().build(M1_PRETTY);
    assertEquals(470, pretty.raw().size());
    assertEquals(
        "sha256:b0aa49b1be27feb14cabace95509e8e38276ad68eaa3dadb2249d4d164a51f08", pretty.digest().toString());
    assertNotEquals(m1Fields().build(M1), pretty);
  }

  @Test
  void descriptor_withoutArtifactType_fallsBackToTheConfigMediaType() {
    Descriptor d = m1Fields().build(M1).descriptor();
    assertEquals(MediaType.OCI_MANIFEST, d.mediaType());
    assertEquals(Digest.parse("sha256:" + DigestTest.M1_HEX), d.digest());
    assertEquals(395, d.size());
    assertEquals(Optional.of(MediaType.OCI_CONFIG), d.artifactType());
    assertEquals(Map.of(), d.annotations());
  }

  @Test
  void descriptor_withArtifactType_usesIt() {
    MediaType bundle = MediaType.of("application/vnd.dev.sigstore.bundle.v0.3+json");
    ImageManifest m =
        ImageManifest.builder(MediaType.OCI_MANIFEST, Descriptor.of(MediaType.OCI_EMPTY, CONFIG.digest(), 2))
            .artifactType(bundle)
            .annotations(Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z"))
            .subject(LAYER)
            .build(M1);
    Descriptor d = m.descriptor();
    assertEquals(Optional.of(bundle), d.artifactType());
    assertEquals(Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z"), d.annotations());
    assertEquals(Optional.of(bundle), m.artifactType());
    assertEquals(Optional.of(LAYER), m.subject());
  }

  @Test
  void descriptor_ofDockerManifest_usesTheDockerConfigType() {
    ImageManifest m =
        ImageManifest.builder(MediaType.DOCKER_MANIFEST, Descriptor.of(MediaType.DOCKER_CONFIG, CONFIG.digest(), 151))
            .build(M1);
    assertEquals(MediaType.DOCKER_MANIFEST, m.descriptor().mediaType());
    assertEquals(Optional.of(MediaType.DOCKER_CONFIG), m.descriptor().artifactType());
  }

  @Test
  void builder_indexMediaType_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageManifest.builder(MediaType.OCI_INDEX, CONFIG));
    assertEquals("not an image manifest media type: application/vnd.oci.image.index.v1+json", e.getMessage());
  }

  @Test
  void builder_nulls_throwNpeNamingTheParameter() {
    assertNpe("mediaType", () -> ImageManifest.builder(null, CONFIG));
    assertNpe("config", () -> ImageManifest.builder(MediaType.OCI_MANIFEST, null));
    assertNpe("values", () -> m1Fields().layers(null));
    assertNpe("values[1]", () -> m1Fields().layers(Arrays.asList(LAYER, null)));
    assertNpe("value", () -> m1Fields().subject(null));
    assertNpe("value", () -> m1Fields().artifactType(null));
    assertNpe("values", () -> m1Fields().annotations(null));
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertNpe("values[k]", () -> m1Fields().annotations(nullValue));
    assertNpe("raw", () -> m1Fields().build(null));
  }

  @Test
  void collections_areCopiedAndUnmodifiable() {
    List<Descriptor> layers = new ArrayList<>(List.of(LAYER));
    Map<String, String> annotations = new HashMap<>(Map.of("k", "v"));
    ImageManifest m = ImageManifest.builder(MediaType.OCI_MANIFEST, CONFIG).layers(layers).annotations(annotations).build(M1);
    layers.add(CONFIG);
    annotations.put("k2", "v2");
    assertEquals(List.of(LAYER), m.layers());
    assertEquals(Map.of("k", "v"), m.annotations());
    assertThrows(UnsupportedOperationException.class, () -> m.layers().add(LAYER));
    assertThrows(UnsupportedOperationException.class, () -> m.annotations().put("x", "y"));
  }

  @Test
  void equals_isByExactBytes() {
    ImageManifest a = m1Fields().build(M1);
    ImageManifest b = m1Fields().build(Bytes.of(M1.toByteArray()));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, m1Fields().build(M1_PRETTY));
  }

  // ---- ImageIndex ----

  private static ImageIndex.Builder index() {
    Descriptor amd64 = m1Fields().build(M1).descriptor().toBuilder().platform(Platform.of("linux", "amd64")).build();
    return ImageIndex.builder(MediaType.OCI_INDEX).manifests(List.of(amd64));
  }

  @Test
  void index_descriptor_hasNoArtifactTypeUnlessDeclared() {
    Bytes raw = Bytes.utf8("{\"schemaVersion\":2,\"manifests\":[]}");
    ImageIndex i = index().build(raw);
    assertEquals(Descriptor.of(MediaType.OCI_INDEX, Digest.of(raw), raw.size()), i.descriptor());
    MediaType type = MediaType.of("application/vnd.example.list+json");
    assertEquals(Optional.of(type), index().artifactType(type).build(raw).descriptor().artifactType());
  }

  @Test
  void index_keepsManifestsInOrderAndUnmodifiable() {
    ImageIndex i = index().build(M1);
    assertEquals(1, i.manifests().size());
    assertEquals(Optional.of(Platform.of("linux", "amd64")), i.manifests().get(0).platform());
    assertThrows(UnsupportedOperationException.class, () -> i.manifests().clear());
  }

  @Test
  void index_builderWithManifestMediaType_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageIndex.builder(MediaType.OCI_MANIFEST));
    assertEquals("not an index media type: application/vnd.oci.image.manifest.v1+json", e.getMessage());
    ImageIndex.builder(MediaType.DOCKER_MANIFEST_LIST);
  }

  @Test
  void index_nulls_throwNpeNamingTheParameter() {
    assertNpe("mediaType", () -> ImageIndex.builder(null));
    assertNpe("values", () -> index().manifests(null));
    assertNpe("values[0]", () -> index().manifests(Arrays.asList((Descriptor) null)));
    assertNpe("raw", () -> index().build(null));
  }

  @Test
  void index_equalsIsByExactBytes() {
    assertEquals(index().build(M1), ImageIndex.builder(MediaType.OCI_INDEX).build(M1));
    assertNotEquals(index().build(M1), index().build(M1_PRETTY));
  }
}
