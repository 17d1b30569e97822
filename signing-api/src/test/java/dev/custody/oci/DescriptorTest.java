package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link Descriptor} and its builder: required fields, immutability, null rejection, equality. */
class DescriptorTest {
  /** The 15-byte layer of FORMATS.md §1.4. */
  static final Bytes LAYER = Bytes.utf8("hello, custody\n");
  static final Digest LAYER_DIGEST =
      Digest.parse("sha256:c8d8123a262bd94feca2723fe165758f7532781ee36b238d0d8b8d6dfc2cbeaa");

  private static Descriptor.Builder layer() {
    return Descriptor.builder(MediaType.OCI_LAYER, LAYER_DIGEST, 15);
  }

  private static void assertNpe(String name, Executable call) {
    assertEquals(name, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void of_requiredFields_hasNoOptionalParts() {
    Descriptor d = Descriptor.of(MediaType.OCI_LAYER, LAYER_DIGEST, 15);
    assertEquals(MediaType.OCI_LAYER, d.mediaType());
    assertEquals(LAYER_DIGEST, d.digest());
    assertEquals(15, d.size());
    assertEquals(Optional.empty(), d.artifactType());
    assertEquals(Map.of(), d.annotations());
    assertEquals(Optional.empty(), d.platform());
    assertEquals(List.of(), d.urls());
    assertEquals(Optional.empty(), d.data());
  }

  @Test
  void ofContent_isTheDigestAndSizeOfTheExactBytes() {
    assertEquals(Descriptor.of(MediaType.OCI_LAYER, LAYER_DIGEST, 15), Descriptor.ofContent(MediaType.OCI_LAYER, LAYER));
  }

  @Test
  void builder_negativeSize_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Descriptor.builder(MediaType.OCI_LAYER, LAYER_DIGEST, -1));
    assertEquals("invalid descriptor size: must not be negative (got -1)", e.getMessage());
  }

  @Test
  void builder_zeroAndHugeSizes_areAccepted() {
    assertEquals(0, Descriptor.of(MediaType.OCI_EMPTY, LAYER_DIGEST, 0).size());
    assertEquals(Long.MAX_VALUE, Descriptor.of(MediaType.OCI_LAYER, LAYER_DIGEST, Long.MAX_VALUE).size());
  }

  @Test
  void builder_nulls_throwNpeNamingTheParameter() {
    assertNpe("mediaType", () -> Descriptor.builder(null, LAYER_DIGEST, 1));
    assertNpe("digest", () -> Descriptor.builder(MediaType.OCI_LAYER, null, 1));
    assertNpe("mediaType", () -> Descriptor.of(null, LAYER_DIGEST, 1));
    assertNpe("type", () -> layer().artifactType(null));
    assertNpe("key", () -> layer().annotation(null, "v"));
    assertNpe("value", () -> layer().annotation("k", null));
    assertNpe("values", () -> layer().annotations(null));
    assertNpe("value", () -> layer().platform(null));
    assertNpe("values", () -> layer().urls(null));
    assertNpe("value", () -> layer().data(null));
    assertNpe("key", () -> layer().build().annotation(null));
  }

  @Test
  void builder_nullInsideCollections_throwsNpeNamingTheElement() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("org.example", null);
    assertNpe("values[org.example]", () -> layer().annotations(nullValue));
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertNpe("values key", () -> layer().annotations(nullKey));
    List<String> urls = new ArrayList<>();
    urls.add("https://example.com/a");
    urls.add(null);
    assertNpe("values[1]", () -> layer().urls(urls));
  }

  @Test
  void annotations_areSortedByKeyAndUnmodifiable() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("z", "1");
    given.put("a", "2");
    given.put("m", "3");
    Descriptor d = layer().annotations(given).build();
    assertEquals(List.of("a", "m", "z"), List.copyOf(d.annotations().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> d.annotations().put("b", "4"));
    assertThrows(UnsupportedOperationException.class, () -> d.annotations().clear());
    assertEquals(Optional.of("2"), d.annotation("a"));
    assertEquals(Optional.empty(), d.annotation("b"));
  }

  @Test
  void annotations_changedByTheCallerAfterwards_doNotChangeTheDescriptor() {
    Map<String, String> given = new HashMap<>(Map.of("k", "v"));
    Descriptor.Builder b = layer().annotations(given);
    given.put("k2", "v2");
    Descriptor d = b.build();
    b.annotation("k3", "v3");
    assertEquals(Map.of("k", "v"), d.annotations());
  }

  @Test
  void annotations_replaceEarlierAnnotation() {
    Descriptor d = layer().annotation("old", "1").annotations(Map.of("new", "2")).annotation("more", "3").build();
    assertEquals(Map.of("new", "2", "more", "3"), d.annotations());
  }

  @Test
  void urls_areCopiedAndUnmodifiable() {
    List<String> given = new ArrayList<>(List.of("https://a.example/blob"));
    Descriptor d = layer().urls(given).build();
    given.add("https://b.example/blob");
    assertEquals(List.of("https://a.example/blob"), d.urls());
    assertThrows(UnsupportedOperationException.class, () -> d.urls().add("x"));
  }

  @Test
  void data_isCopiedByBytes() {
    byte[] content = LAYER.toByteArray();
    Descriptor d = layer().data(Bytes.of(content)).build();
    content[0] = 'X';
    assertEquals(Optional.of(LAYER), d.data());
  }

  @Test
  void toBuilder_rebuildsAnEqualDescriptorAndLeavesTheOriginalAlone() {
    Descriptor d =
        layer()
            .artifactType(MediaType.of("application/vnd.example+json"))
            .annotation("k", "v")
            .platform(Platform.parse("linux/arm64/v8"))
            .urls(List.of("https://a.example/blob"))
            .data(LAYER)
            .build();
    assertEquals(d, d.toBuilder().build());
    Descriptor changed = d.toBuilder().annotation("k2", "v2").build();
    assertEquals(Map.of("k", "v"), d.annotations());
    assertEquals(Map.of("k", "v", "k2", "v2"), changed.annotations());
  }

  @Test
  void equals_comparesEveryField() {
    Descriptor base = layer().build();
    assertEquals(base, layer().build());
    assertEquals(base.hashCode(), layer().build().hashCode());
    List<UnaryOperator<Descriptor.Builder>> changes =
        List.of(
            b -> b.artifactType(MediaType.OCI_CONFIG),
            b -> b.annotation("k", "v"),
            b -> b.platform(Platform.of("linux", "amd64")),
            b -> b.urls(List.of("https://a.example")),
            b -> b.data(LAYER));
    for (UnaryOperator<Descriptor.Builder> change : changes) {
      Descriptor other = change.apply(layer()).build();
      assertNotEquals(base, other, other.toString());
      assertEquals(other, change.apply(layer()).build());
      assertEquals(other.hashCode(), change.apply(layer()).build().hashCode());
    }
    assertNotEquals(base, Descriptor.of(MediaType.OCI_LAYER_GZIP, LAYER_DIGEST, 15));
    assertNotEquals(base, Descriptor.of(MediaType.OCI_LAYER, Digest.of(Bytes.empty()), 15));
    assertNotEquals(base, Descriptor.of(MediaType.OCI_LAYER, LAYER_DIGEST, 16));
  }

  @Test
  void toString_namesTypeDigestAndSize() {
    String s = layer().artifactType(MediaType.OCI_EMPTY).build().toString();
    assertTrue(s.contains("application/vnd.oci.image.layer.v1.tar"), s);
    assertTrue(s.contains(LAYER_DIGEST.toString()), s);
    assertTrue(s.contains("15 bytes"), s);
    assertTrue(s.contains("artifactType application/vnd.oci.empty.v1+json"), s);
  }
}
