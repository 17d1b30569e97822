package dev.custody.core.internal.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.formats.intoto.ApprovalPredicate;
import dev.custody.core.internal.formats.intoto.CosignVulnV1;
import dev.custody.core.internal.formats.intoto.InTotoVulnsV02;
import dev.custody.core.internal.formats.intoto.PromotionPredicate;
import dev.custody.core.internal.formats.intoto.SlsaProvenanceV1;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.formats.notary.NotaryJwsReader;
import dev.custody.core.internal.formats.notary.NotaryPayload;
import dev.custody.core.internal.json.Json;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser of this package, fed arbitrary bytes or mutations of the FORMATS.md vectors, either
 * returns a value or throws {@link InvalidInputException}: never another exception (a cheap
 * stand-in for fuzzing).
 */
class ParserProperties {
  @FunctionalInterface
  interface Parser {
    Object parse(Bytes input) throws InvalidInputException;
  }

  static final List<String> GOLDEN =
      List.of(
          "simple-signing-payload.json",
          "dsse-envelope.json",
          "statement.json",
          "bundle-dsse.json",
          "bundle-message-signature.json",
          "notary-jws.json",
          "notary-payload.json",
          "notary-protected.json");

  static final List<Parser> PARSERS =
      List.of(
          SimpleSigningPayload::parse,
          DsseEnvelopeCodec::parse,
          StatementCodec::parse,
          BundleCodec::parse,
          NotaryJwsReader::parse,
          NotaryPayload::parse,
          ParserProperties::predicates);

  static Object predicates(Bytes input) throws InvalidInputException {
    JsonNode node = Json.read(input, "predicate");
    if (!(node instanceof ObjectNode)) {
      return node;
    }
    ObjectNode o = (ObjectNode) node;
    for (Parser p :
        List.<Parser>of(
            b -> SlsaProvenanceV1.from(o),
            b -> CosignVulnV1.from(o),
            b -> InTotoVulnsV02.from(o),
            b -> ApprovalPredicate.from(o),
            b -> PromotionPredicate.from(o))) {
      try {
        p.parse(input);
      } catch (InvalidInputException expected) {
        // each validator may refuse; only other exception types fail the property
      }
    }
    return o;
  }

  static void parseAll(Bytes input) {
    for (Parser p : PARSERS) {
      try {
        p.parse(input);
      } catch (InvalidInputException expected) {
        // the documented outcome for bad input
      }
    }
  }

  @Property(tries = 500)
  void parsers_arbitraryBytes_throwOnlyInvalidInput(@ForAll byte[] input) {
    parseAll(Bytes.of(input));
  }

  @Property(tries = 1000)
  void parsers_mutatedVectors_throwOnlyInvalidInput(@ForAll("mutatedVectors") byte[] input) {
    parseAll(Bytes.of(input));
  }

  @Property(tries = 1000)
  void notaryReader_mutatedProtectedHeader_throwsOnlyInvalidInput(
      @ForAll("mutatedProtectedHeaders") byte[] header) {
    String envelope =
        Vectors.text("notary-jws.json")
            .replaceFirst(
                "\"protected\":\"[^\"]+\"",
                "\"protected\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(header)
                    + "\"");
    try {
      NotaryJwsReader.parse(Bytes.utf8(envelope));
    } catch (InvalidInputException expected) {
      // the documented outcome
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedVectors() {
    return Arbitraries.of(GOLDEN).flatMap(name -> mutations(Vectors.load(name).toByteArray()));
  }

  @Provide
  Arbitrary<byte[]> mutatedProtectedHeaders() {
    return mutations(Vectors.load("notary-protected.json").toByteArray());
  }

  /** One of: replace a byte, delete a byte, truncate, or splice in a JSON-ish token. */
  static Arbitrary<byte[]> mutations(byte[] original) {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, original.length - 1);
    Arbitrary<byte[]> replace =
        Combinators.combine(index, Arbitraries.bytes())
            .as(
                (i, b) -> {
                  byte[] copy = original.clone();
                  copy[i] = b;
                  return copy;
                });
    Arbitrary<byte[]> delete =
        index.map(
            i -> {
              byte[] copy = new byte[original.length - 1];
              System.arraycopy(original, 0, copy, 0, i);
              System.arraycopy(original, i + 1, copy, i, original.length - i - 1);
              return copy;
            });
    Arbitrary<byte[]> truncate = index.map(i -> Arrays.copyOf(original, i));
    Arbitrary<byte[]> splice =
        Combinators.combine(
                index,
                Arbitraries.of(
                    "null",
                    "1",
                    "-1",
                    "1e999",
                    "\"\"",
                    "[]",
                    "{}",
                    "true",
                    "\"x\"",
                    ",",
                    "\\u0000",
                    "\"2025-01-02T03:04:05Z\"",
                    "9223372036854775808",
                    "\"sha256:\""))
            .as(
                (i, token) -> {
                  byte[] t = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                  byte[] copy = new byte[original.length + t.length];
                  System.arraycopy(original, 0, copy, 0, i);
                  System.arraycopy(t, 0, copy, i, t.length);
                  System.arraycopy(original, i, copy, i + t.length, original.length - i);
                  return copy;
                });
    return Arbitraries.oneOf(replace, delete, truncate, splice);
  }
}
