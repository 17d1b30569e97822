package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyPairOptionsTest {
  @Test
  void defaults_p256CosignNoOverwriteNoCertificate() {
    KeyPairOptions options = KeyPairOptions.defaults();

    assertEquals(KeyType.EC_P256, options.keyType());
    assertEquals(KeyFileFormat.COSIGN, options.fileFormat());
    assertFalse(options.overwrite());
    assertEquals(Optional.empty(), options.testCertificate());
    assertEquals(Duration.ofDays(365), options.certificateValidity());
  }

  @Test
  void keyType_p521_refusedNamingTheGeneratedTypes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyPairOptions.builder().keyType(KeyType.EC_P521));

    assertTrue(e.getMessage().contains("expected EC P-256, EC P-384, RSA or Ed25519"), e.getMessage());
  }

  @Test
  void testCertificate_blank_refused() {
    assertThrows(IllegalArgumentException.class, () -> KeyPairOptions.builder().testCertificate(" "));
  }

  @Test
  void certificateValidity_zero_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> KeyPairOptions.builder().certificateValidity(Duration.ZERO));

    assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
  }

  @Test
  void build_certificateWithRsa_keepsBoth() {
    KeyPairOptions options =
        KeyPairOptions.builder().keyType(KeyType.RSA).testCertificate("example.com").overwrite(true).build();

    assertEquals(Optional.of("example.com"), options.testCertificate());
    assertEquals(KeyType.RSA, options.keyType());
    assertTrue(options.overwrite());
  }
}
