package dev.custody.core.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestCodecTest {
  private static final MediaType BUNDLE = MediaType.of("application/vnd.dev.sigstore.bundle.v0.3+json");

  private static Manifest parse(String text) throws InvalidInputException {
    return ManifestCodec.parse(Bytes.utf8(text), Optional.empty());
  }

  private static InvalidInputException refused(String text) {
    return assertThrows(InvalidInputException.class, () -> parse(text));
  }

  @Test
  void m1_golden_hasKnownDigestAndFields() throws Exception {
    Bytes raw = Golden.read("m1.json");
    ImageManifest m = (ImageManifest) ManifestCodec.parse(raw, Optional.empty());
    assertEquals(395, raw.size());
    assertEquals(Golden.M1_DIGEST, m.digest().toString());
    assertEquals(raw, m.raw());
    assertEquals(MediaType.OCI_MANIFEST, m.mediaType());
    assertEquals(Golden.CONFIG_DIGEST, m.config().digest().toString());
    assertEquals(151, m.config().size());
    assertEquals(MediaType.OCI_CONFIG, m.config().mediaType());
    assertEquals(1, m.layers().size());
    assertEquals(Golden.LAYER_DIGEST, m.layers().get(0).digest().toString());
    assertEquals(15, m.layers().get(0).size());
  }

  @Test
  void m1Pretty_sameValue_differentDigest() throws Exception {
    Manifest compact = ManifestCodec.parse(Golden.read("m1.json"), Optional.empty());
    Manifest pretty = ManifestCodec.parse(Golden.read("m1-pretty.json"), Optional.empty());
    assertEquals(470, pretty.raw().size());
    assertEquals(Golden.M1_PRETTY_DIGEST, pretty.digest().toString());
    assertEquals(((ImageManifest) compact).layers(), ((ImageManifest) pretty).layers());
    assertEquals(Golden.M1_DIGEST, compact.digest().toString());
  }

  @Test
  void unusualWhitespaceAndKeyOrder_keepsDigestOfExactBytes() throws Exception {
    Bytes raw = Golden.read("m1-unusual.json");
    ImageManifest m = (ImageManifest) ManifestCodec.parse(raw, Optional.of(MediaType.OCI_MANIFEST));
    assertEquals(Golden.M1_UNUSUAL_DIGEST, m.digest().toString());
    assertEquals(Digest.of(raw), m.digest());
    assertEquals(raw, m.raw());
    assertEquals(MediaType.OCI_LAYER, m.layers().get(0).mediaType());
    assertEquals(Map.of("org.opencontainers.image.description", "café ☕"), m.annotations());
  }

  @Test
  void bundleReferrer_golden_parsesSubjectAndArtifactType() throws Exception {
    ImageManifest m =
        (ImageManifest) ManifestCodec.parse(Golden.read("bundle-referrer.json"), Optional.empty());
    assertEquals(Golden.BUNDLE_REFERRER_DIGEST, m.digest().toString());
    assertEquals(Golden.M1_DIGEST, m.subject().orElseThrow().digest().toString());
    assertEquals(Optional.of(BUNDLE), m.artifactType());
    assertEquals(Optional.of(BUNDLE), m.config().artifactType());
    assertEquals("dsse-envelope", m.annotations().get("dev.sigstore.bundle.content"));
  }

  @Test
  void referrersIndex_golden_parsesDescriptors() throws Exception {
    ImageIndex index =
        (ImageIndex) ManifestCodec.parse(Golden.read("referrers-index.json"), Optional.empty());
    assertEquals(Golden.REFERRERS_INDEX_DIGEST, index.digest().toString());
    Descriptor d = index.manifests().get(0);
    assertEquals(Golden.BUNDLE_REFERRER_DIGEST, d.digest().toString());
    assertEquals(885, d.size());
    assertEquals(Optional.of(BUNDLE), d.artifactType());
    assertEquals(3, d.annotations().size());
  }

  @Test
  void writeImageManifest_m1Fields_reproducesGoldenBytes() throws Exception {
    ImageManifest golden = (ImageManifest) ManifestCodec.parse(Golden.read("m1.json"), Optional.empty());
    ImageManifest written = ManifestCodec.writeImageManifest(golden.config(), golden.layers());
    assertEquals(Golden.read("m1.json"), written.raw());
    assertEquals(Golden.M1_DIGEST, written.digest().toString());
  }

  @Test
  void writeImageManifest_allFields_usesSpecKeyOrder() {
    Descriptor empty =
        Descriptor.builder(MediaType.OCI_EMPTY, Digest.of(Bytes.utf8("{}")), 2)
            .data(Bytes.utf8("{}"))
            .build();
    Descriptor layer = Descriptor.ofContent(BUNDLE, Bytes.utf8("x"));
    Descriptor subject = Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("m"));
    ImageManifest m =
        ManifestCodec.writeImageManifest(
            empty, List.of(layer), Optional.of(subject), Optional.of(BUNDLE), Map.of("b", "2", "a", "1"));
    String json = m.raw().asUtf8();
    assertEquals(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\"" + BUNDLE + "\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
            + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
            + "\"size\":2,\"data\":\"e30=\"},"
            + "\"layers\":[{\"mediaType\":\"" + BUNDLE + "\",\"digest\":\"" + layer.digest() + "\",\"size\":1}],"
            + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + subject.digest() + "\",\"size\":1},"
            + "\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}",
        json);
    assertEquals(Optional.of(subject), m.subject());
    assertEquals(Optional.of(BUNDLE), m.descriptor().artifactType());
  }

  @Test
  void writeImageManifest_emptyConfigWithoutArtifactType_refused() {
    Descriptor empty = Descriptor.ofContent(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ManifestCodec.writeImageManifest(empty, List.of()));
    assertTrue(e.getMessage().contains("artifactType"), e.getMessage());
  }

  @Test
  void writeIndex_withPlatforms_roundTrips() throws Exception {
    Descriptor amd64 =
        Descriptor.builder(MediaType.OCI_MANIFEST, Digest.of(Bytes.utf8("a")), 1)
            .platform(Platform.of("linux", "amd64"))
            .build();
    Descriptor windows =
        Descriptor.builder(MediaType.OCI_MANIFEST, Digest.of(Bytes.utf8("w")), 1)
            .platform(new Platform("windows", "amd64", "", "10.0.14393.1066", List.of("win32k")))
            .build();
    Descriptor arm =
        Descriptor.builder(MediaType.OCI_MANIFEST, Digest.of(Bytes.utf8("r")), 1)
            .platform(Platform.parse("linux/arm64/v8"))
            .build();
    ImageIndex index = ManifestCodec.writeIndex(List.of(amd64, windows, arm));
    assertTrue(
        index.raw().asUtf8().contains(
            "\"platform\":{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.14393.1066\",\"os.features\":[\"win32k\"]}"),
        index.raw().asUtf8());
    ImageIndex back = (ImageIndex) ManifestCodec.parse(index.raw(), Optional.empty());
    assertEquals(List.of(amd64, windows, arm), back.manifests());
    assertEquals(index.digest(), back.digest());
  }

  @Test
  void descriptor_urlsDataAnnotations_roundTrip() throws Exception {
    Descriptor d =
        Descriptor.builder(MediaType.OCI_LAYER_GZIP, Digest.of(Bytes.utf8("abc")), 3)
            .urls(List.of("https://example.com/layer"))
            .annotation("org.opencontainers.image.title", "layer.tar.gz")
            .data(Bytes.utf8("abc"))
            .artifactType(MediaType.of("application/x-test"))
            .build();
    Bytes raw = ManifestCodec.writeDescriptor(d);
    assertEquals(
        "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + d.digest()
            + "\",\"size\":3,\"urls\":[\"https://example.com/layer\"],"
            + "\"annotations\":{\"org.opencontainers.image.title\":\"layer.tar.gz\"},"
            + "\"data\":\"YWJj\",\"artifactType\":\"application/x-test\"}",
        raw.asUtf8());
    assertEquals(d, ManifestCodec.parseDescriptor(raw));
  }

  @Test
  void dockerSchema2_byMediaTypeField_isImageManifest() throws Exception {
    String docker =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":151,"
            + "\"digest\":\"" + Golden.CONFIG_DIGEST + "\"},\"layers\":[]}";
    Manifest m = parse(docker);
    assertEquals(MediaType.DOCKER_MANIFEST, m.mediaType());
    assertEquals(MediaType.DOCKER_CONFIG, ((ImageManifest) m).config().mediaType());
  }

  @Test
  void dockerList_byContentType_isIndex() throws Exception {
    String list =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"size\":395,\"digest\":\"" + Golden.M1_DIGEST + "\",\"platform\":{\"architecture\":\"arm\","
            + "\"os\":\"linux\",\"variant\":\"v7\",\"features\":[\"sse4\"]}}]}";
    Manifest m = ManifestCodec.parse(Bytes.utf8(list), Optional.of(MediaType.DOCKER_MANIFEST_LIST));
    assertEquals(MediaType.DOCKER_MANIFEST_LIST, m.mediaType());
    assertEquals(Platform.parse("linux/arm/v7"), ((ImageIndex) m).manifests().get(0).platform().orElseThrow());
  }

  @Test
  void noMediaTypeField_kindFromShape() throws Exception {
    String index = "{\"schemaVersion\":2,\"manifests\":[]}";
    assertInstanceOf(ImageIndex.class, parse(index));
    assertEquals(MediaType.OCI_INDEX, parse(index).mediaType());
    String manifest =
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"size\":0,\"digest\":\"" + Golden.CONFIG_DIGEST
            + "\"},\"layers\":[]}";
    assertEquals(MediaType.OCI_MANIFEST, parse(manifest).mediaType());
  }

  @Test
  void contentTypeNotAManifestType_ignoredInFavourOfField() throws Exception {
    Manifest m = ManifestCodec.parse(Golden.read("m1.json"), Optional.of(MediaType.of("application/json")));
    assertEquals(MediaType.OCI_MANIFEST, m.mediaType());
  }

  @Test
  void mediaTypeFieldContradictsContentType_refused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ManifestCodec.parse(Golden.read("m1.json"), Optional.of(MediaType.OCI_INDEX)));
    assertTrue(e.getMessage().contains("field mediaType contradicts the Content-Type"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + MediaType.OCI_INDEX), e.getMessage());
  }

  @Test
  void dockerSchema1_body_refusedAsDeprecated() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ManifestCodec.parse(Golden.read("docker-schema1.json"), Optional.empty()));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().contains("Docker schema 1"), e.getMessage());
    assertTrue(e.getMessage().contains("deprecated and unsupported"), e.getMessage());
    assertTrue(e.getMessage().contains("schemaVersion 1"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "application/vnd.docker.distribution.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws"
  })
  void dockerSchema1_contentType_refusedBeforeParsing(String type) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ManifestCodec.parse(Bytes.utf8("not even json"), Optional.of(MediaType.of(type))));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().contains("deprecated and unsupported"), e.getMessage());
    assertTrue(e.getMessage().contains(type), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "application/vnd.docker.distribution.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws"
  })
  void dockerSchema1_mediaTypeField_refused(String type) {
    InvalidInputException e = refused("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\"}");
    assertTrue(e.getMessage().contains("Docker schema 1 manifests are deprecated and unsupported"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1,2]|not a JSON object",
        "{\"manifests\":[]}|field schemaVersion is missing",
        "{\"schemaVersion\":\"2\",\"manifests\":[]}|field schemaVersion must be 2",
        "{\"schemaVersion\":3,\"manifests\":[]}|field schemaVersion must be 2 (got 3)",
        "{\"schemaVersion\":2}|cannot tell the manifest kind",
        "{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}|field mediaType is not a manifest type",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\"}|not a manifest type",
        "{\"schemaVersion\":2,\"mediaType\":\"bad type\"}|field mediaType is not a media type",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}|field manifests is missing",
        "{\"schemaVersion\":2,\"manifests\":{}}|field manifests must be an array",
        "{\"schemaVersion\":2,\"manifests\":[7]}|field manifests[0] must be a JSON object",
        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:x\"}]}|field manifests[0].mediaType is missing",
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"size\":1}]}|field manifests[0].digest is missing",
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"digest\":\"sha256:abc\",\"size\":1}]}|field manifests[0].digest is not a supported digest",
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"digest\":\"md5:abc\",\"size\":1}]}|unsupported algorithm",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":-1},\"layers\":[]}|field config.size must be a non-negative integer (got -1)",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1.5},\"layers\":[]}|field config.size must be a non-negative integer",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1}}|field layers is missing",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1,\"data\":\"!!\"},\"layers\":[]}|field config.data is not standard base64",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1,\"urls\":[1]},\"layers\":[]}|field config.urls[0] must be a string",
        "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1},\"layers\":[],\"annotations\":{\"k\":1}}|field annotations[\"k\"] must be a string",
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"digest\":\"" + "sha256:d3821da4002422136a015c9a89341a72fb7e95e2453e5b9151f921ed18ad9322" + "\",\"size\":1,\"platform\":{\"os\":\"linux\"}}]}|field manifests[0].platform.architecture is missing",
        "{\"schemaVersion\":2,\"manifests\":[],\"schemaVersion\":2}|Duplicate field",
      })
  void malformed_refusedNamingTheField(String json, String expected) {
    InvalidInputException e = refused(json);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("parse manifest sha256:") || e.getMessage().startsWith("read manifest sha256:"), e.getMessage());
  }

  @Test
  void tooLarge_refusedWithLimitExceeded() {
    byte[] big = new byte[dev.custody.store.ArtifactStore.MAX_MANIFEST_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ManifestCodec.parse(Bytes.of(big), Optional.empty()));
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("expected at most 4194304 bytes, got 4194305"), e.getMessage());
  }

  @Test
  void unknownFieldsAndNulls_ignored() throws Exception {
    String json =
        "{\"schemaVersion\":2,\"future\":{\"x\":[1]},\"annotations\":null,\"subject\":null,\"manifests\":[]}";
    ImageIndex index = (ImageIndex) parse(json);
    assertTrue(index.annotations().isEmpty());
    assertTrue(index.subject().isEmpty());
  }
}
