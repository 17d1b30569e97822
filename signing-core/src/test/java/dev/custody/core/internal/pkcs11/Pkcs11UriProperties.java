package dev.custody.core.internal.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.custody.Bytes;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** pkcs11: URIs round-trip, and arbitrary text fails only in the documented ways. */
class Pkcs11UriProperties {

  @Provide
  Arbitrary<Pkcs11Uri> uris() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
    return Builders.withBuilder(Pkcs11Uri::builder)
        .use(text)
        .withProbability(0.7)
        .in((b, v) -> b.token(v))
        .use(text)
        .withProbability(0.7)
        .in((b, v) -> b.object(v))
        .use(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20))
        .withProbability(0.5)
        .in((b, v) -> b.id(Bytes.of(v)))
        .use(Arbitraries.longs().between(0, Long.MAX_VALUE / 16))
        .withProbability(0.3)
        .in((b, v) -> b.slotId(v))
        .use(Arbitraries.of("private", "cert", "public"))
        .withProbability(0.3)
        .in((b, v) -> b.type(v))
        .use(text)
        .withProbability(0.5)
        .in((b, v) -> b.modulePath(v))
        .use(text)
        .withProbability(0.5)
        .in((b, v) -> b.pinSource(v))
        .build(Pkcs11Uri.Builder::build);
  }

  @Property(tries = 1000)
  void parse_ofFormat_isIdentity(@ForAll("uris") Pkcs11Uri uri) {
    assertEquals(uri, Pkcs11Uri.parse(uri.format()));
  }

  @Provide
  Arbitrary<String> uriLike() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(
                "token=",
                "object=",
                "id=",
                "slot-id=",
                "type=",
                "module-path=",
                "pin-source=",
                "pin-value=",
                "module-name=",
                "serial=",
                ";",
                "&",
                "?",
                "%",
                "%4",
                "%zz",
                "%41",
                "=",
                "#",
                "private",
                "12",
                "/",
                ":"),
            Arbitraries.strings().ofMaxLength(6));
    return pieces.list().ofMaxSize(12).map(l -> "pkcs11:" + String.join("", l));
  }

  @Property(tries = 2000)
  void parse_arbitraryText_onlyIllegalArgument(@ForAll("uriLike") String text) {
    try {
      Pkcs11Uri.parse(text);
    } catch (IllegalArgumentException expected) {
      // the one documented failure
    }
  }

  @Property(tries = 500)
  void parse_anyString_onlyIllegalArgument(@ForAll String text) {
    try {
      Pkcs11Uri.parse(text);
    } catch (IllegalArgumentException expected) {
      // the one documented failure
    }
  }

  /**
   * Through the provider every bad URI is a KeyException that never repeats a pin-value. The
   * environment has no module, so nothing here loads a PKCS#11 library.
   */
  @Property(tries = 1000)
  void signer_arbitraryUri_onlyKeyExceptionWithoutPin(@ForAll("uriLike") String text) {
    String secret = "S3cr3tPin";
    String withPin = text + (text.contains("?") ? "&" : "?") + "pin-value=" + secret;
    Pkcs11KeyProvider provider = new Pkcs11KeyProvider(Map.of());
    try {
      provider.signer(KeyRef.parse(withPin), PasswordSource.none());
      throw new AssertionError("opened a signer from " + withPin);
    } catch (KeyException e) {
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }
}
