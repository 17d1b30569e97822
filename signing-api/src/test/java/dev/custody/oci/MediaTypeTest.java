package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MediaType}: the FORMATS.md §1.1 syntax and the manifest classification. */
class MediaTypeTest {

  @Test
  void classification_matchesFormatsSection1_1() {
    assertTrue(MediaType.OCI_MANIFEST.isImageManifest());
    assertTrue(MediaType.DOCKER_MANIFEST.isImageManifest());
    assertTrue(MediaType.OCI_INDEX.isIndex());
    assertTrue(MediaType.DOCKER_MANIFEST_LIST.isIndex());
    assertFalse(MediaType.OCI_INDEX.isImageManifest());
    assertFalse(MediaType.OCI_MANIFEST.isIndex());
    assertFalse(MediaType.DOCKER_SCHEMA1.isManifest());
    assertFalse(MediaType.DOCKER_SCHEMA1_SIGNED.isManifest());
    assertFalse(MediaType.OCI_CONFIG.isManifest());
    assertTrue(MediaType.DOCKER_MANIFEST_LIST.isManifest());
  }

  @Test
  void of_value_equalsTheConstantAndPrintsIt() {
    assertEquals(MediaType.OCI_MANIFEST, MediaType.of("application/vnd.oci.image.manifest.v1+json"));
    assertEquals("application/vnd.oci.empty.v1+json", MediaType.OCI_EMPTY.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "application", "application/", "/json", "text/plain; charset=utf-8", " application/json",
        "application/json\n", "a/b/c", "-a/b",
      })
  void of_invalid_failsNamingTheValue(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MediaType.of(value));
    assertEquals(
        "invalid media type \"" + value.replace("\n", "\\n") + "\": expected type/subtype", e.getMessage());
  }

  @Test
  void of_partsOf127Characters_areTheLimit() {
    MediaType.of("a".repeat(127) + "/" + "b".repeat(127));
    assertThrows(IllegalArgumentException.class, () -> MediaType.of("a".repeat(128) + "/b"));
  }

  @Test
  void of_null_throwsNpeNamingValue() {
    assertEquals("value", assertThrows(NullPointerException.class, () -> MediaType.of(null)).getMessage());
  }
}
