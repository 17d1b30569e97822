package dev.custody.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link Digest}: exact round trips, and parsers that fail only as documented. */
class DigestProperties {
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]*");

  @Provide
  Arbitrary<Digest> digests() {
    return Arbitraries.of(DigestAlgorithm.class)
        .flatMap(
            algorithm ->
                Arbitraries.strings()
                    .withChars("0123456789abcdef")
                    .ofLength(algorithm.hexLength())
                    .map(hex -> new Digest(algorithm, hex)));
  }

  /** Arbitrary text, plus near misses: valid digests with one character changed, added or cut. */
  @Provide
  Arbitrary<String> digestLikeStrings() {
    Arbitrary<String> valid = digests().map(Digest::toString);
    Arbitrary<String> mutated =
        Combinators.combine(valid, Arbitraries.integers().between(0, 200), Arbitraries.chars(), Arbitraries.of(0, 1, 2))
            .as(DigestProperties::mutate);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300), mutated, valid);
  }

  private static String mutate(String text, int position, char c, int kind) {
    int i = position % (text.length() + 1);
    switch (kind) {
      case 0:
        return text.substring(0, i) + c + text.substring(i);
      case 1:
        return i == text.length() ? text + c : text.substring(0, i) + c + text.substring(i + 1);
      default:
        return text.substring(0, i);
    }
  }

  @Property
  void parse_ofToString_isTheSameDigest(@ForAll("digests") Digest d) {
    assertEquals(d, Digest.parse(d.toString()));
  }

  @Property
  void parseTagForm_ofToTagForm_isTheSameDigest(@ForAll("digests") Digest d) {
    assertEquals(d, Digest.parseTagForm(d.toTagForm()));
    assertEquals(d.toString().replace(':', '-'), d.toTagForm());
  }

  @Property
  void parse_anyString_returnsOrThrowsOnlyIae(@ForAll("digestLikeStrings") String text) {
    Optional<Digest> lenient = Digest.tryParse(text);
    try {
      Digest d = Digest.parse(text);
      assertEquals(Optional.of(d), lenient);
      assertEquals(text, d.toString());
    } catch (IllegalArgumentException e) {
      assertEquals(Optional.empty(), lenient);
      assertTrue(e.getMessage().startsWith("invalid digest \""), e.getMessage());
    }
  }

  @Property
  void parseTagForm_anyString_returnsOrThrowsOnlyIae(@ForAll("digestLikeStrings") String text) {
    try {
      assertEquals(text, Digest.parseTagForm(text).toTagForm());
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("invalid digest tag \""), e.getMessage());
    }
  }

  @Property
  void constructor_acceptsExactlyLowerHexOfTheAlgorithmsLength(
      @ForAll DigestAlgorithm algorithm, @ForAll("hexish") String hex) {
    boolean valid = hex.length() == algorithm.hexLength() && LOWER_HEX.matcher(hex).matches();
    try {
      new Digest(algorithm, hex);
      assertTrue(valid, hex);
    } catch (IllegalArgumentException e) {
      assertTrue(!valid, e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> hexish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdefABCDEFg").ofMinLength(60).ofMaxLength(130),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(128));
  }

  @Property
  void of_isTheJdkHashInLowerHex(@ForAll DigestAlgorithm algorithm, @ForAll byte[] content)
      throws Exception {
    MessageDigest md = MessageDigest.getInstance(algorithm == DigestAlgorithm.SHA256 ? "SHA-256" : "SHA-512");
    String expected = HexFormat.of().formatHex(md.digest(content));
    Digest d = Digest.of(algorithm, Bytes.of(content));
    assertEquals(expected, d.hex());
    assertTrue(d.matches(Bytes.of(content)));
  }
}
