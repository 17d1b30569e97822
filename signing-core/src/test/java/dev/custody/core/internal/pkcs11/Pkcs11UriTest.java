package dev.custody.core.internal.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class Pkcs11UriTest {

  @Test
  void parse_tokenObjectModuleAndPinSource_allRead() {
    Pkcs11Uri uri =
        Pkcs11Uri.parse(
            "pkcs11:token=custody;object=release-key?module-path=/usr/lib/softhsm/libsofthsm2.so"
                + "&pin-source=file:/run/pin");
    assertEquals(Optional.of("custody"), uri.token());
    assertEquals(Optional.of("release-key"), uri.object());
    assertEquals(Optional.of("/usr/lib/softhsm/libsofthsm2.so"), uri.modulePath());
    assertEquals(Optional.of("file:/run/pin"), uri.pinSource());
    assertEquals(Optional.empty(), uri.id());
    assertEquals(OptionalLong.empty(), uri.slotId());
    assertEquals(
        "pkcs11:token=custody;object=release-key?module-path=/usr/lib/softhsm/libsofthsm2.so"
            + "&pin-source=file:/run/pin",
        uri.format());
  }

  @Test
  void parse_rfc7512Examples_decodePercentEncoding() {
    // RFC 7512 §3 examples (the ones without attributes the JDK cannot match on).
    assertEquals(
        Optional.of("my-pubkey"), Pkcs11Uri.parse("pkcs11:object=my-pubkey;type=public").object());
    Pkcs11Uri id = Pkcs11Uri.parse("pkcs11:token=Software%20PKCS%2311;id=%69%95%3E%5C%F4%BD");
    assertEquals(Optional.of("Software PKCS#11"), id.token());
    assertEquals(
        Bytes.of(new byte[] {0x69, (byte) 0x95, 0x3e, 0x5c, (byte) 0xf4, (byte) 0xbd}),
        id.id().orElseThrow());
    assertEquals("pkcs11:token=Software%20PKCS%2311;id=%69%95%3E%5C%F4%BD", id.format());
    assertEquals(
        Optional.of("Ψηφιακό"),
        Pkcs11Uri.parse("pkcs11:object=%CE%A8%CE%B7%CF%86%CE%B9%CE%B1%CE%BA%CF%8C").object());
  }

  @Test
  void parse_slotIdAndUpperCaseScheme_accepted() {
    Pkcs11Uri uri = Pkcs11Uri.parse("PKCS11:slot-id=1789938070;object=k");
    assertEquals(OptionalLong.of(1789938070L), uri.slotId());
    assertEquals("pkcs11:object=k;slot-id=1789938070", uri.format());
  }

  @Test
  void parse_pinValue_recordedButNeverKeptOrShown() {
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:object=k?pin-value=123456&module-path=/m.so");
    assertTrue(uri.hasPinValue());
    assertEquals("pkcs11:object=k?module-path=/m.so", uri.format());
    assertEquals("pkcs11:object=k?module-path=/m.so&pin-value=REDACTED", uri.redacted());
    assertFalse(uri.toString().contains("123456"));
  }

  @Test
  void parse_duplicateAttribute_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Pkcs11Uri.parse("pkcs11:object=a;object=b"));
    assertEquals("pkcs11 URI: attribute object given twice", e.getMessage());
  }

  @Test
  void parse_attributeTheJdkCannotMatch_refusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pkcs11Uri.parse("pkcs11:token=t;manufacturer=SoftHSM%20project"));
    assertTrue(
        e.getMessage().startsWith("pkcs11 URI: attribute manufacturer is not supported"),
        e.getMessage());
    IllegalArgumentException module =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pkcs11Uri.parse("pkcs11:object=k?module-name=p11-kit"));
    assertTrue(module.getMessage().contains("give module-path"), module.getMessage());
  }

  @Test
  void parse_malformedInput_namesTheProblem() {
    assertEquals(
        "not a pkcs11 URI (expected the pkcs11: scheme)",
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse("file:/k.pem"))
            .getMessage());
    assertEquals(
        "pkcs11 URI: id has a '%' not followed by two hex digits",
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse("pkcs11:id=%4"))
            .getMessage());
    assertEquals(
        "pkcs11 URI: slot-id must be a decimal number (got \"0x1\")",
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse("pkcs11:slot-id=0x1"))
            .getMessage());
    assertEquals(
        "pkcs11 URI: object is empty",
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse("pkcs11:object="))
            .getMessage());
    assertEquals(
        "pkcs11 URI: an attribute has no name=value form",
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Uri.parse("pkcs11:pin-value"))
            .getMessage());
  }

  @Test
  void aliasOfId_matchesTheJdkKeyStoreNaming() {
    assertEquals("0xa1b2", Pkcs11Token.aliasOfId(new byte[] {(byte) 0xa1, (byte) 0xb2}));
    assertEquals("0x01", Pkcs11Token.aliasOfId(new byte[] {1}));
    assertEquals(
        "key-1",
        Pkcs11Token.aliasOfId("key-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void configuration_quotesTheLibraryAndNamesTheSlot() {
    assertEquals(
        "--name = Custody\nlibrary = \"/opt/hsm lib/p11.so\"\nslot = 7\n",
        Pkcs11Token.configuration(
            java.nio.file.Path.of("/opt/hsm lib/p11.so"), OptionalLong.of(7)));
    assertEquals(
        "--name = Custody\nlibrary = \"/m.so\"\nslotListIndex = 0\n",
        Pkcs11Token.configuration(java.nio.file.Path.of("/m.so"), OptionalLong.empty()));
  }
}
