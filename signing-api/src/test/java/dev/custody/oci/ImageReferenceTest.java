package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples for {@link ImageReference}. The normalisation cases follow distribution/reference
 * (normalize.go splitDockerDomain, regexp.go), the grammar Docker, containerd and cosign share.
 */
class ImageReferenceTest {
  private static final String HEX = DigestTest.M1_HEX;
  private static final Digest D = Digest.parse("sha256:" + HEX);

  private static void assertRejected(String text, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
    assertEquals("invalid image reference \"" + text + "\": " + problem, e.getMessage());
    assertEquals(Optional.empty(), ImageReference.tryParse(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // input, registry, repository, normalised form
    "ubuntu, docker.io, library/ubuntu, docker.io/library/ubuntu:latest",
    "ubuntu:22.04, docker.io, library/ubuntu, docker.io/library/ubuntu:22.04",
    "docker.io/ubuntu, docker.io, library/ubuntu, docker.io/library/ubuntu:latest",
    "index.docker.io/foo, docker.io, library/foo, docker.io/library/foo:latest",
    "index.docker.io/foo/bar, docker.io, foo/bar, docker.io/foo/bar:latest",
    "foo/bar, docker.io, foo/bar, docker.io/foo/bar:latest",
    "foo/bar/baz:v1, docker.io, foo/bar/baz, docker.io/foo/bar/baz:v1",
    "localhost/foo, localhost, foo, localhost/foo:latest",
    "localhost:5000/foo, localhost:5000, foo, localhost:5000/foo:latest",
    "localhost:5000/foo:v1, localhost:5000, foo, localhost:5000/foo:v1",
    "Registry.Example/foo, Registry.Example, foo, Registry.Example/foo:latest",
    "UPPER/foo, UPPER, foo, UPPER/foo:latest",
    "127.0.0.1:5000/a/b, 127.0.0.1:5000, a/b, 127.0.0.1:5000/a/b:latest",
    "[::1]/a, [::1], a, [::1]/a:latest",
    "[2001:db8::1]:443/x, [2001:db8::1]:443, x, [2001:db8::1]:443/x:latest",
    "ghcr.io/acme/app:v1.2.3, ghcr.io, acme/app, ghcr.io/acme/app:v1.2.3",
    "example.com/a.b/c_d/e__f/g-h/i---j, example.com, a.b/c_d/e__f/g-h/i---j,"
        + " example.com/a.b/c_d/e__f/g-h/i---j:latest",
    // distribution/reference: a name without '/' is always on Docker Hub, so "localhost:5000" is
    // the image library/localhost with tag 5000, and "example.com" is library/example.com.
    "localhost:5000, docker.io, library/localhost, docker.io/library/localhost:5000",
    "example.com, docker.io, library/example.com, docker.io/library/example.com:latest",
  })
  void parse_registryReference_normalisesLikeDistribution(
      String text, String registry, String repository, String normalised) {
    ImageReference r = ImageReference.parse(text);
    assertEquals(registry, r.registry());
    assertEquals(repository, r.repository());
    assertEquals(normalised, r.toString());
    assertFalse(r.isLayout());
    assertEquals("", r.layoutPath());
    assertEquals(r, ImageReference.parse(normalised));
  }

  @Test
  void parse_bareName_getsLatestTag() {
    ImageReference r = ImageReference.parse("ubuntu");
    assertEquals(Optional.of("latest"), r.tag());
    assertEquals(Optional.empty(), r.digest());
    assertEquals("latest", r.tagOrDigest());
  }

  @Test
  void parse_digestOnly_getsNoLatestTag() {
    ImageReference r = ImageReference.parse("ubuntu@sha256:" + HEX);
    assertEquals(Optional.empty(), r.tag());
    assertEquals(Optional.of(D), r.digest());
    assertEquals("docker.io/library/ubuntu@sha256:" + HEX, r.toString());
  }

  @Test
  void parse_ipv6HostWithPortAndDigest_splitsEveryPart() {
    ImageReference r = ImageReference.parse("[::1]:5000/a/b@sha256:" + HEX);
    assertEquals("[::1]:5000", r.registry());
    assertEquals("a/b", r.repository());
    assertEquals(Optional.empty(), r.tag());
    assertEquals(Optional.of(D), r.digest());
    assertEquals("[::1]:5000/a/b", r.context());
    assertEquals("[::1]:5000/a/b@sha256:" + HEX, r.toString());
  }

  @Test
  void parse_tagAndDigest_keepsBothAndResolvesTheDigest() {
    ImageReference r = ImageReference.parse("ghcr.io/acme/app:v1@sha256:" + HEX);
    assertEquals(Optional.of("v1"), r.tag());
    assertEquals(Optional.of(D), r.digest());
    assertEquals("sha256:" + HEX, r.tagOrDigest());
    assertEquals("ghcr.io/acme/app:v1@sha256:" + HEX, r.toString());
  }

  @Test
  void parse_equivalentSpellings_areEqualWithEqualHashCodes() {
    ImageReference a = ImageReference.parse("ubuntu");
    ImageReference b = ImageReference.parse("index.docker.io/library/ubuntu:latest");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, ImageReference.parse("ubuntu:22.04"));
    assertNotEquals(a, ImageReference.parse("ubuntu:latest@sha256:" + HEX));
    assertNotEquals(a, ImageReference.parse("example.com/library/ubuntu"));
  }

  @Test
  void parse_empty_fails() {
    assertRejected("", "it is empty");
  }

  @Test
  void parse_upperCaseRepository_failsNamingTheComponent() {
    assertRejected("Ubuntu", "repository path component \"Ubuntu\" must be lower case");
    assertRejected("ghcr.io/Acme/app", "repository path component \"Acme\" must be lower case");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "foo/a..b|a..b", "foo/a___b|a___b", "foo/a_-b|a_-b", "foo/-a|-a", "foo/a-|a-",
        "foo//bar|", "foo/bar/|", "ghcr.io/a b|a b",
        // "[]" has neither '.' nor ':', so distribution reads it as a Docker Hub path component.
        "[]/foo|[]",
      })
  void parse_badPathComponent_failsNamingTheComponent(String text, String component) {
    assertRejected(
        text,
        "repository path component \""
            + (component == null ? "" : component)
            + "\" must be lower-case letters and digits separated by '.', '_', '__' or '-'");
  }

  @Test
  void parse_hostWithoutPath_failsSayingTheRepositoryIsEmpty() {
    assertRejected("ghcr.io/", "the repository name is empty");
  }

  @Test
  void parse_badTag_failsNamingTheTag() {
    String problem = "\" must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}";
    assertRejected("ubuntu:-x", "tag \"-x" + problem);
    assertRejected("ubuntu:", "tag \"" + problem);
    assertRejected("ubuntu:a+b", "tag \"a+b" + problem);
    String long129 = "t".repeat(129);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("ubuntu:" + long129));
    assertTrue(e.getMessage().endsWith(": tag \"" + "t".repeat(80) + "…" + problem), e.getMessage());
  }

  @Test
  void parse_tagOf128Characters_isAccepted() {
    assertEquals(Optional.of("_".repeat(128)), ImageReference.parse("ubuntu:" + "_".repeat(128)).tag());
  }

  @Test
  void parse_nameLongerThan255_failsNamingTheLength() {
    String text = "example.com/" + "a".repeat(250);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text));
    assertTrue(
        e.getMessage().endsWith(": the name example.com/… is 262 characters long (expected at most 255)"),
        e.getMessage());
  }

  @Test
  void parse_nameOf255_isAcceptedAndDockerHubCountsTheLibraryPrefix() {
    assertEquals(243, ImageReference.parse("example.com/" + "a".repeat(243)).repository().length());
    // docker.io/library/ + 237 = 255: the normalised name is what is measured.
    ImageReference.parse("a".repeat(237));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a".repeat(238)));
    assertTrue(e.getMessage().endsWith("is 256 characters long (expected at most 255)"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-bad.example/foo|-bad.example",
        "bad-.example/foo|bad-.example",
        "example.com:/foo|example.com:",
        "example.com:50a/foo|example.com:50a",
        "a_b.example/foo|a_b.example",
        "[::1%25eth0]:5000/foo|[::1%25eth0]:5000",
        "[::ffff:1.2.3.4]/foo|[::ffff:1.2.3.4]",
        "a:b:c/foo|a:b:c",
      })
  void parse_badHost_failsNamingTheHost(String text, String host) {
    assertRejected(text, "registry host \"" + host + "\" is not a valid host[:port]");
  }

  @Test
  void parse_portOutOfRange_failsNamingThePort() {
    assertRejected("example.com:65536/foo", "registry port \"65536\" is not in 1-65535");
    assertRejected("example.com:0/foo", "registry port \"0\" is not in 1-65535");
    assertRejected("example.com:1234567/foo", "registry port \"1234567\" is not in 1-65535");
    assertEquals("example.com:65535", ImageReference.parse("example.com:65535/foo").registry());
  }

  @Test
  void parse_badDigest_failsNamingTheDigest() {
    assertRejected(
        "ubuntu@sha256:abc",
        "the digest part is invalid: invalid digest \"sha256:abc\": "
            + "expected 64 lower-case hex characters for sha256, got 3");
    assertRejected(
        "ubuntu@",
        "the digest part is invalid: invalid digest \"\": "
            + "it is empty (expected <algorithm>:<hex>, e.g. sha256:<64 hex>)");
  }

  @Test
  void parse_bare64HexName_failsAsAnImageId() {
    assertRejected(HEX, "a 64-hex name reads as an image ID, not a repository");
  }

  @Test
  void parse_trailingNewline_failsWithTheNewlineEscaped() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("ubuntu\n"));
    assertEquals(
        "invalid image reference \"ubuntu\\n\": repository path component \"ubuntu\\n\" must be "
            + "lower-case letters and digits separated by '.', '_', '__' or '-'",
        e.getMessage());
  }

  @Test
  void parse_null_throwsNpeNamingText() {
    assertEquals("text", assertThrows(NullPointerException.class, () -> ImageReference.parse(null)).getMessage());
    assertEquals(Optional.empty(), ImageReference.tryParse(null));
  }

  @Test
  void of_hostRepositoryDigest_buildsThePinnedReference() {
    ImageReference r = ImageReference.of("localhost:5000", "foo/bar", D);
    assertEquals("localhost:5000/foo/bar@sha256:" + HEX, r.toString());
    assertEquals(r, ImageReference.parse(r.toString()));
  }

  @Test
  void of_dockerHubNames_areNormalised() {
    assertEquals(
        "docker.io/library/ubuntu@sha256:" + HEX, ImageReference.of("index.docker.io", "ubuntu", D).toString());
  }

  @Test
  void of_registryThatReadsAsANamespace_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.of("myhost", "foo", D));
    assertEquals(
        "invalid image reference \"myhost/foo@sha256:"
            + HEX.substring(0, 62)
            + "…\": registry \"myhost\" would be read as a Docker Hub namespace"
            + " (a host contains '.' or ':', or is localhost)",
        e.getMessage());
  }

  @Test
  void of_repositoryWithTag_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.of("ghcr.io", "foo:v1", D));
    assertTrue(
        e.getMessage().endsWith("repository path component \"foo:v1\" must be lower-case letters and digits"
            + " separated by '.', '_', '__' or '-'"),
        e.getMessage());
  }

  @Test
  void of_nulls_throwNpeNamingTheParameter() {
    assertEquals("registry", assertThrows(NullPointerException.class, () -> ImageReference.of(null, "a", D)).getMessage());
    assertEquals("repository", assertThrows(NullPointerException.class, () -> ImageReference.of("a.b", null, D)).getMessage());
    assertEquals("digest", assertThrows(NullPointerException.class, () -> ImageReference.of("a.b", "a", null)).getMessage());
  }

  @Test
  void withDigest_keepsTheTag_pinnedDropsIt() {
    ImageReference r = ImageReference.parse("ghcr.io/acme/app:v1");
    assertEquals("ghcr.io/acme/app:v1@sha256:" + HEX, r.withDigest(D).toString());
    assertEquals("ghcr.io/acme/app@sha256:" + HEX, r.pinned(D).toString());
    assertEquals("sha256:" + HEX, r.pinned(D).tagOrDigest());
  }

  @Test
  void withTag_replacesTagAndDigest() {
    ImageReference r = ImageReference.parse("ghcr.io/acme/app:v1@sha256:" + HEX);
    ImageReference t = r.withTag("v2");
    assertEquals("ghcr.io/acme/app:v2", t.toString());
    assertEquals(Optional.empty(), t.digest());
  }

  @Test
  void withTag_invalidTag_failsNamingIt() {
    ImageReference r = ImageReference.parse("ghcr.io/acme/app");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.withTag("v1@sha256:" + HEX));
    assertTrue(e.getMessage().endsWith(": tag \"v1@sha256:" + HEX + "\" is not a valid tag"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.withTag("a/b"));
    assertEquals("invalid image reference \"ghcr.io/acme/app:a/b\": tag \"a/b\" is not a valid tag", e.getMessage());
  }

  // ---- OCI image layout references: oci:DIR[:TAG][@DIGEST] ----

  @Test
  void parse_layoutDirectory_hasNoTagOrDigest() {
    ImageReference r = ImageReference.parse("oci:build/layout");
    assertTrue(r.isLayout());
    assertEquals("build/layout", r.layoutPath());
    assertEquals("", r.registry());
    assertEquals("", r.repository());
    assertEquals(Optional.empty(), r.tag());
    assertEquals(Optional.empty(), r.digest());
    assertEquals("", r.tagOrDigest());
    assertEquals("oci:build/layout", r.context());
    assertEquals("oci:build/layout", r.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "oci:/tmp/layout:v1.0|/tmp/layout|v1.0|",
        "oci:dir@sha256:" + DigestTest.M1_HEX + "|dir||sha256:" + DigestTest.M1_HEX,
        "oci:dir:v1@sha256:" + DigestTest.M1_HEX + "|dir|v1|sha256:" + DigestTest.M1_HEX,
        // ref.name may be a full reference (image-spec annotations.md); only the first ':' splits.
        "oci:dir:example.com/app:v1|dir|example.com/app:v1|",
        // '@' is allowed in the directory unless it starts a digest.
        "oci:/tmp/a@b/layout:v1|/tmp/a@b/layout|v1|",
        "oci:/tmp/a@b|/tmp/a@b||",
        "oci:/tmp/a@b:c|/tmp/a@b|c|",
        "oci:my dir/ünïcode|my dir/ünïcode||",
      })
  void parse_layoutReference_splitsDirectoryTagAndDigest(
      String text, String dir, String tag, String digest) {
    ImageReference r = ImageReference.parse(text);
    assertEquals(dir, r.layoutPath());
    assertEquals(Optional.ofNullable(tag), r.tag());
    assertEquals(Optional.ofNullable(digest).map(Digest::parse), r.digest());
    assertEquals(text, r.toString());
  }

  @Test
  void parse_layoutWithBadDigest_failsInsteadOfReadingItAsPath() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("oci:dir@sha256:abc"));
    assertEquals(
        "invalid image reference \"oci:dir@sha256:abc\": the digest part is invalid: invalid digest "
            + "\"sha256:abc\": expected 64 lower-case hex characters for sha256, got 3",
        e.getMessage());
  }

  @Test
  void parse_layoutWithEmptyDirectory_fails() {
    assertRejected("oci:", "the layout directory is empty; write oci:DIR[:TAG][@DIGEST]");
    assertRejected("oci::v1", "the layout directory is empty; write oci:DIR[:TAG][@DIGEST]");
    assertRejected("oci:@sha256:" + HEX, "the layout directory is empty; write oci:DIR[:TAG][@DIGEST]");
  }

  @Test
  void parse_layoutWithBadTag_failsNamingTheTag() {
    String grammar =
        "\" is not a valid org.opencontainers.image.ref.name (letters and digits joined by -._:@+ or --, and /)";
    assertRejected("oci:dir:", "layout tag \"" + grammar);
    assertRejected("oci:dir:-v1", "layout tag \"-v1" + grammar);
    assertRejected("oci:dir:v1 ", "layout tag \"v1 " + grammar);
  }

  @Test
  void parse_layoutWithControlCharacter_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("oci:di\nr"));
    assertEquals(
        "invalid image reference \"oci:di\\nr\": layout directory \"di\\nr\" contains the control character '\\n'",
        e.getMessage());
  }

  @Test
  void layout_directory_isAReferenceWithoutTagOrDigest() {
    ImageReference r = ImageReference.layout("/srv/layouts/app");
    assertEquals(ImageReference.parse("oci:/srv/layouts/app"), r);
    assertEquals("/srv/layouts/app", r.layoutPath());
  }

  @Test
  void layout_directoryThatWouldNotReadBack_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageReference.layout("a:b"));
    assertEquals(
        "invalid image reference \"oci:a:b\": layout directory \"a:b\" must not contain ':' or end in @<digest>",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ImageReference.layout("x@sha256:" + HEX));
    assertTrue(e.getMessage().endsWith("must not contain ':' or end in @<digest>"), e.getMessage());
  }

  @Test
  void layoutWithTag_replacesTagAndDigest() {
    ImageReference r = ImageReference.parse("oci:dir:v1@sha256:" + HEX);
    assertEquals("oci:dir:example.com/app:v2", r.withTag("example.com/app:v2").toString());
  }

  @Test
  void layoutWithTag_tagThatWouldReadAsDigest_fails() {
    ImageReference r = ImageReference.layout("dir");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.withTag("v1@sha256:" + "a".repeat(64)));
    assertTrue(e.getMessage().endsWith("\" would not read back as a tag"), e.getMessage());
  }

  @Test
  void layoutPinned_keepsTheDirectory() {
    ImageReference r = ImageReference.parse("oci:dir:v1").pinned(D);
    assertEquals("oci:dir@sha256:" + HEX, r.toString());
    assertEquals("sha256:" + HEX, r.tagOrDigest());
  }

  @Test
  void registryAndLayoutReferences_areNeverEqual() {
    assertNotEquals(ImageReference.parse("oci:dir:v1"), ImageReference.parse("dir:v1"));
  }
}
