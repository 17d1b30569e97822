package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples for {@link Digest}, including every invalid example of FORMATS.md §1.3. */
class DigestTest {
  /** The digest of M1, the worked example manifest of FORMATS.md §1.4. */
  static final String M1_HEX = "a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec";

  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String EMPTY_SHA512 =
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
          + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

  private static void assertRejected(String text, String expectedMessage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
    assertEquals(expectedMessage, e.getMessage());
    assertEquals(Optional.empty(), Digest.tryParse(text));
  }

  @Test
  void parse_validSha256_keepsAlgorithmAndHex() {
    Digest d = Digest.parse("sha256:" + M1_HEX);
    assertEquals(DigestAlgorithm.SHA256, d.algorithm());
    assertEquals(M1_HEX, d.hex());
    assertEquals("sha256:" + M1_HEX, d.toString());
  }

  @Test
  void parse_validSha512_keepsAlgorithmAndHex() {
    Digest d = Digest.parse("sha512:" + EMPTY_SHA512);
    assertEquals(DigestAlgorithm.SHA512, d.algorithm());
    assertEquals(EMPTY_SHA512, d.hex());
  }

  @Test
  void parse_upperCaseHex_fails() {
    String upper = M1_HEX.toUpperCase(java.util.Locale.ROOT);
    assertRejected(
        "sha256:" + upper,
        "invalid digest \"sha256:" + upper + "\": expected lower-case hex (0-9, a-f), got 'A'");
  }

  @Test
  void parse_mixedCaseHex_namesTheFirstUpperCaseCharacter() {
    String mixed = M1_HEX.substring(0, 10) + "F" + M1_HEX.substring(11);
    assertRejected(
        "sha256:" + mixed,
        "invalid digest \"sha256:" + mixed + "\": expected lower-case hex (0-9, a-f), got 'F'");
  }

  @Test
  void parse_wrongLength_fails() {
    assertRejected(
        "sha256:a70c35",
        "invalid digest \"sha256:a70c35\": expected 64 lower-case hex characters for sha256, got 6");
  }

  @Test
  void parse_upperCaseAlgorithm_fails() {
    assertRejected(
        "SHA256:" + M1_HEX,
        "invalid digest \"SHA256:" + M1_HEX + "\": algorithm \"SHA256\" must be lower case");
  }

  @Test
  void parse_tagForm_failsPointingAtTheTagForm() {
    assertRejected(
        "sha256-" + M1_HEX,
        "invalid digest \"sha256-"
            + M1_HEX
            + "\": missing ':' (<algorithm>-<hex> is the tag form, read by parseTagForm)");
  }

  @Test
  void parse_noColon_fails() {
    assertRejected(
        "latest",
        "invalid digest \"latest\": missing ':' (expected <algorithm>:<hex>, e.g. sha256:<64 hex>)");
  }

  @Test
  void parse_emptyEncodedPart_fails() {
    assertRejected("sha256:", "invalid digest \"sha256:\": the value after ':' is empty");
  }

  @Test
  void parse_emptyString_fails() {
    assertRejected("", "invalid digest \"\": it is empty (expected <algorithm>:<hex>, e.g. sha256:<64 hex>)");
  }

  @Test
  void parse_trailingNewline_failsWithTheNewlineEscaped() {
    assertRejected(
        "sha256:" + M1_HEX + "\n",
        "invalid digest \"sha256:"
            + M1_HEX
            + "\\n\": unexpected character '\\n' at index 71 (digest values use [a-zA-Z0-9=_-])");
  }

  @Test
  void parse_leadingSpace_fails() {
    assertRejected(
        " sha256:" + M1_HEX,
        "invalid digest \" sha256:" + M1_HEX + "\": algorithm \" sha256\" is malformed");
  }

  @Test
  void parse_sha512With64Hex_fails() {
    assertRejected(
        "sha512:" + M1_HEX,
        "invalid digest \"sha512:"
            + M1_HEX
            + "\": expected 128 lower-case hex characters for sha512, got 64");
  }

  @Test
  void parse_unsupportedRegisteredAlgorithm_fails() {
    assertRejected(
        "blake3:" + M1_HEX,
        "invalid digest \"blake3:" + M1_HEX + "\": unsupported algorithm \"blake3\" (supported: sha256, sha512)");
  }

  @Test
  void parse_hugeInput_isTruncatedInTheMessage() {
    String text = "sha256:" + "a".repeat(10_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(text));
    assertEquals(
        "invalid digest \""
            + text.substring(0, 80)
            + "…\": expected 64 lower-case hex characters for sha256, got 10000",
        e.getMessage());
  }

  @Test
  void parse_controlCharacterInAlgorithm_isEscapedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha\u0000256:ab"));
    assertEquals(
        "invalid digest \"sha\\u0000256:ab\": algorithm \"sha\\u0000256\" is malformed", e.getMessage());
  }

  @Test
  void parse_null_throwsNpeNamingText() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Digest.parse(null));
    assertEquals("text", e.getMessage());
  }

  @Test
  void tryParse_null_isEmpty() {
    assertEquals(Optional.empty(), Digest.tryParse(null));
  }

  @Test
  void tryParse_valid_isPresent() {
    assertEquals(Optional.of(new Digest(DigestAlgorithm.SHA256, M1_HEX)), Digest.tryParse("sha256:" + M1_HEX));
  }

  @Test
  void constructor_shortHex_failsNamingAlgorithmAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Digest(DigestAlgorithm.SHA256, "abc"));
    assertEquals(
        "invalid sha256 digest value \"abc\": expected 64 lower-case hex characters for sha256, got 3",
        e.getMessage());
  }

  @Test
  void constructor_nulls_throwNpeNamingTheComponent() {
    assertEquals(
        "algorithm",
        assertThrows(NullPointerException.class, () -> new Digest(null, M1_HEX)).getMessage());
    assertEquals(
        "hex",
        assertThrows(NullPointerException.class, () -> new Digest(DigestAlgorithm.SHA256, null))
            .getMessage());
  }

  @Test
  void toTagForm_replacesColonWithDash() {
    assertEquals("sha256-" + M1_HEX, Digest.parse("sha256:" + M1_HEX).toTagForm());
  }

  @Test
  void parseTagForm_valid_readsTheDigest() {
    assertEquals(Digest.parse("sha512:" + EMPTY_SHA512), Digest.parseTagForm("sha512-" + EMPTY_SHA512));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "latest|invalid digest tag \"latest\": expected <algorithm>-<hex>",
        "-abc|invalid digest tag \"-abc\": expected <algorithm>-<hex>",
        "sha256-abc|invalid digest tag \"sha256-abc\": expected 64 lower-case hex characters for sha256, got 3",
        "md5-abc|invalid digest tag \"md5-abc\": unsupported algorithm \"md5\" (supported: sha256, sha512)",
        "sha256-|invalid digest tag \"sha256-\": the value after ':' is empty",
      })
  void parseTagForm_invalid_failsNamingTheTag(String tag, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parseTagForm(tag));
    assertEquals(message, e.getMessage());
  }

  @Test
  void of_emptyContent_isTheKnownSha256() {
    assertEquals("sha256:" + EMPTY_SHA256, Digest.of(Bytes.empty()).toString());
  }

  @Test
  void of_emptyContentSha512_isTheKnownSha512() {
    assertEquals("sha512:" + EMPTY_SHA512, Digest.of(DigestAlgorithm.SHA512, Bytes.empty()).toString());
  }

  @Test
  void of_abc_isTheFips180Vector() {
    assertEquals(
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Digest.of(Bytes.utf8("abc")).toString());
  }

  @Test
  void matches_sameContent_trueAndOtherContent_false() {
    Digest d = Digest.of(Bytes.utf8("abc"));
    assertTrue(d.matches(Bytes.utf8("abc")));
    assertFalse(d.matches(Bytes.utf8("abd")));
  }

  @Test
  void ofHash_wrongLength_fails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Digest.ofHash(DigestAlgorithm.SHA512, new byte[32]));
    assertEquals(
        "invalid sha512 digest value \""
            + "0".repeat(64)
            + "\": expected 128 lower-case hex characters for sha512, got 64",
        e.getMessage());
  }

  @Test
  void ofHash_arrayChangedAfterwards_digestUnchanged() {
    byte[] hash = new byte[32];
    Digest d = Digest.ofHash(DigestAlgorithm.SHA256, hash);
    hash[0] = 1;
    assertEquals("0".repeat(64), d.hex());
  }

  @Test
  void fromId_isCaseSensitive() {
    assertEquals(Optional.of(DigestAlgorithm.SHA256), DigestAlgorithm.fromId("sha256"));
    assertEquals(Optional.of(DigestAlgorithm.SHA512), DigestAlgorithm.fromId("sha512"));
    assertEquals(Optional.empty(), DigestAlgorithm.fromId("SHA256"));
  }

  @Test
  void newMessageDigest_producesDigestOfTheAlgorithmsLength() {
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      assertEquals(algorithm.hexLength() / 2, algorithm.newMessageDigest().getDigestLength(), algorithm.id());
    }
  }
}
