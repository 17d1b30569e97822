package dev.custody.core.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ManifestCodecProperties {

  @Property
  void descriptor_writeThenParse_isIdentity(@ForAll("descriptors") Descriptor d) throws Exception {
    assertEquals(d, ManifestCodec.parseDescriptor(ManifestCodec.writeDescriptor(d)));
  }

  @Property(tries = 200)
  void imageManifest_writeThenParse_keepsDescriptorsAndBytes(
      @ForAll("descriptors") Descriptor config,
      @ForAll @Size(max = 4) List<@net.jqwik.api.From("descriptors") Descriptor> layers,
      @ForAll("descriptors") Descriptor subject)
      throws Exception {
    Descriptor nonEmptyConfig =
        config.mediaType().equals(MediaType.OCI_EMPTY)
            ? Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.size())
            : config;
    ImageManifest written =
        ManifestCodec.writeImageManifest(
            nonEmptyConfig, layers, Optional.of(subject), Optional.empty(), Map.of("k", "v"));
    ImageManifest parsed = (ImageManifest) ManifestCodec.parse(written.raw(), Optional.empty());
    assertEquals(nonEmptyConfig, parsed.config());
    assertEquals(layers, parsed.layers());
    assertEquals(Optional.of(subject), parsed.subject());
    assertEquals(written.digest(), parsed.digest());
  }

  @Property(tries = 200)
  void index_writeThenParse_keepsDescriptors(
      @ForAll @Size(max = 5) List<@net.jqwik.api.From("descriptors") Descriptor> manifests)
      throws Exception {
    ImageIndex written = ManifestCodec.writeIndex(manifests);
    assertEquals(manifests, ((ImageIndex) ManifestCodec.parse(written.raw(), Optional.empty())).manifests());
  }

  @Property(tries = 2000)
  void parse_arbitraryBytes_throwsOnlyInvalidInput(@ForAll byte[] raw) {
    parseQuietly(Bytes.of(raw));
  }

  @Property(tries = 2000)
  void parse_mutatedManifests_throwsOnlyInvalidInput(
      @ForAll("manifestTexts") String text, @ForAll("mediaTypeHints") Optional<MediaType> hint) {
    try {
      ManifestCodec.parse(Bytes.utf8(text), hint);
    } catch (InvalidInputException expected) {
      // documented failure
    }
  }

  private static void parseQuietly(Bytes raw) {
    try {
      Manifest ignored = ManifestCodec.parse(raw, Optional.empty());
      assertEquals(raw, ignored.raw());
    } catch (InvalidInputException expected) {
      // documented failure
    }
  }

  @Provide
  Arbitrary<Descriptor> descriptors() {
    Arbitrary<MediaType> types = mediaTypes();
    Arbitrary<Digest> digests =
        Combinators.combine(Arbitraries.of(DigestAlgorithm.values()), Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
            .as((alg, b) -> Digest.of(alg, Bytes.of(b)));
    Arbitrary<Long> sizes = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Map<String, String>> annotations =
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), Arbitraries.strings().ofMaxLength(12)).ofMaxSize(3);
    Arbitrary<List<String>> urls = Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(2);
    Arbitrary<Optional<Bytes>> data =
        Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(Bytes::of).optional();
    Arbitrary<Optional<Platform>> platforms = platforms().optional();
    Arbitrary<Optional<MediaType>> artifactTypes = types.optional();
    return Combinators.combine(types, digests, sizes, annotations, urls, data, platforms, artifactTypes)
        .as(
            (type, digest, size, ann, u, d, p, at) -> {
              Descriptor.Builder b = Descriptor.builder(type, digest, size).annotations(ann).urls(u);
              d.ifPresent(b::data);
              p.ifPresent(b::platform);
              at.ifPresent(b::artifactType);
              return b.build();
            });
  }

  private Arbitrary<Platform> platforms() {
    Arbitrary<String> word = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> optionalWord = Arbitraries.oneOf(Arbitraries.just(""), word);
    return Combinators.combine(word, word, optionalWord, optionalWord, word.list().ofMaxSize(2))
        .as(Platform::new);
  }

  private Arbitrary<MediaType> mediaTypes() {
    Arbitrary<String> part =
        Arbitraries.strings().withChars("abcXYZ019.+-_").ofMinLength(0).ofMaxLength(10).map(s -> "a" + s);
    return Arbitraries.oneOf(
        Arbitraries.of(MediaType.OCI_MANIFEST, MediaType.OCI_LAYER_GZIP, MediaType.OCI_EMPTY, MediaType.DOCKER_CONFIG),
        Combinators.combine(part, part).as((a, b) -> MediaType.of(a + "/" + b)));
  }

  @Provide
  Arbitrary<Optional<MediaType>> mediaTypeHints() {
    return Arbitraries.of(
            MediaType.OCI_MANIFEST, MediaType.OCI_INDEX, MediaType.DOCKER_MANIFEST,
            MediaType.DOCKER_SCHEMA1, MediaType.of("application/json"))
        .optional();
  }

  /** Golden manifests with one random character replaced, inserted or deleted. */
  @Provide
  Arbitrary<String> manifestTexts() {
    List<String> bases =
        List.of("m1.json", "m1-unusual.json", "bundle-referrer.json", "referrers-index.json", "docker-schema1.json")
            .stream()
            .map(n -> Golden.read(n).asUtf8())
            .collect(java.util.stream.Collectors.toList());
    Arbitrary<Character> chars = Arbitraries.of('{', '}', '[', ']', '"', ':', ',', '-', '1', 'x', ' ', '\\', 'n', '0');
    return Combinators.combine(Arbitraries.of(bases), Arbitraries.doubles().between(0, 1), chars, Arbitraries.integers().between(0, 2))
        .as(
            (base, at, c, op) -> {
              int i = (int) (at * (base.length() - 1));
              switch (op) {
                case 0:
                  return base.substring(0, i) + c + base.substring(i + 1);
                case 1:
                  return base.substring(0, i) + c + base.substring(i);
                default:
                  return base.substring(0, i) + base.substring(i + 1);
              }
            });
  }

  @Property(tries = 50)
  void parse_utf8Text_roundTripsRawBytes(@ForAll("manifestTexts") String text) {
    parseQuietly(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
  }
}
