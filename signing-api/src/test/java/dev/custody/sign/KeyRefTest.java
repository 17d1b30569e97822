package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KeyRefTest {
  @Test
  void parse_plainPath_isFile() {
    assertEquals("file", KeyRef.parse("keys/cosign.key").scheme());
    assertEquals("keys/cosign.key", KeyRef.parse("keys/cosign.key").location());
  }

  @Test
  void parse_windowsDrive_isFile() {
    assertEquals("file", KeyRef.parse("C:\\keys\\cosign.key").scheme());
  }

  @Test
  void parse_fileUri_stripsSlashes() {
    assertEquals("/keys/cosign.pub", KeyRef.parse("file:///keys/cosign.pub").location());
  }

  @Test
  void parse_kmsUri_keepsSchemeSpecificPart() {
    KeyRef ref = KeyRef.parse("azurekms://vault.example/key");
    assertEquals("azurekms", ref.scheme());
    assertEquals("//vault.example/key", ref.location());
  }

  @Test
  void parse_blank_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyRef.parse(" "));
    assertEquals("invalid key reference: blank", e.getMessage());
  }
}
