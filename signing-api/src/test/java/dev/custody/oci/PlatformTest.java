package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Platform}: parsing, validation, immutability. */
class PlatformTest {

  @Test
  void parse_withVariant_readsThreeParts() {
    Platform p = Platform.parse("linux/arm64/v8");
    assertEquals("linux", p.os());
    assertEquals("arm64", p.architecture());
    assertEquals("v8", p.variant());
    assertEquals("", p.osVersion());
    assertEquals(List.of(), p.osFeatures());
    assertEquals("linux/arm64/v8", p.toString());
    assertEquals(p, Platform.parse(p.toString()));
  }

  @Test
  void parse_withoutVariant_equalsOf() {
    assertEquals(Platform.of("linux", "amd64"), Platform.parse("linux/amd64"));
    assertEquals("linux/amd64", Platform.of("linux", "amd64").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "linux", "linux/", "/amd64", "linux//v8", "linux/arm64/", "a/b/c/d"})
  void parse_wrongShape_failsNamingTheInput(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(text));
    assertEquals("invalid platform \"" + text + "\": expected os/architecture[/variant]", e.getMessage());
  }

  @Test
  void constructor_emptyOsOrArchitecture_failsNamingTheField() {
    assertEquals(
        "invalid platform: os must not be empty",
        assertThrows(IllegalArgumentException.class, () -> Platform.of("", "amd64")).getMessage());
    assertEquals(
        "invalid platform: architecture must not be empty",
        assertThrows(IllegalArgumentException.class, () -> Platform.of("linux", "")).getMessage());
  }

  @Test
  void constructor_nulls_throwNpeNamingTheComponent() {
    assertEquals("os", assertThrows(NullPointerException.class, () -> new Platform(null, "a", "", "", List.of())).getMessage());
    assertEquals("architecture", assertThrows(NullPointerException.class, () -> new Platform("o", null, "", "", List.of())).getMessage());
    assertEquals("variant", assertThrows(NullPointerException.class, () -> new Platform("o", "a", null, "", List.of())).getMessage());
    assertEquals("osVersion", assertThrows(NullPointerException.class, () -> new Platform("o", "a", "", null, List.of())).getMessage());
    assertEquals("osFeatures", assertThrows(NullPointerException.class, () -> new Platform("o", "a", "", "", null)).getMessage());
    assertEquals(
        "osFeatures[1]",
        assertThrows(NullPointerException.class, () -> new Platform("o", "a", "", "", Arrays.asList("x", null)))
            .getMessage());
    assertEquals("text", assertThrows(NullPointerException.class, () -> Platform.parse(null)).getMessage());
  }

  @Test
  void osFeatures_areCopiedAndUnmodifiable() {
    List<String> features = new ArrayList<>(List.of("win32k"));
    Platform p = new Platform("windows", "amd64", "", "10.0.14393.1066", features);
    features.add("other");
    assertEquals(List.of("win32k"), p.osFeatures());
    assertThrows(UnsupportedOperationException.class, () -> p.osFeatures().add("x"));
  }

  @Test
  void equals_comparesEveryComponent() {
    Platform p = new Platform("windows", "amd64", "", "10.0", List.of("win32k"));
    assertEquals(p, new Platform("windows", "amd64", "", "10.0", new ArrayList<>(List.of("win32k"))));
    assertEquals(p.hashCode(), new Platform("windows", "amd64", "", "10.0", List.of("win32k")).hashCode());
    assertNotEquals(p, new Platform("windows", "amd64", "", "10.1", List.of("win32k")));
    assertNotEquals(p, new Platform("windows", "amd64", "", "10.0", List.of()));
    assertNotEquals(p, new Platform("windows", "amd64", "v1", "10.0", List.of("win32k")));
  }
}
