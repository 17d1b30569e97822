package dev.custody.core.internal.formats.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.TestKey;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Digest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {
  static final Digest M1 =
      Digest.parse("sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec");
  static final String REPO = "registry.example.com/team/app";

  @Test
  void build_m1WithoutAnnotations_matchesFormatsVectorByteForByte() {
    Bytes payload = SimpleSigningPayload.build(REPO, M1, Map.of());

    assertEquals(Vectors.load("simple-signing-payload.json"), payload);
    assertEquals(245, payload.size());
    assertEquals(
        "sha256:646491244e1370da78ab38d2c8e646233a4f4e644570d6292225b480d597d7ff",
        Digest.of(payload).toString());
  }

  @Test
  void signature_overGoldenPayload_reproducesFormatsSignature() {
    Bytes sig = TestKey.signDer(Vectors.load("simple-signing-payload.json"));

    assertEquals(
        "MEQCIH/gFFj1Y3QS3cJk6aAoLZIkGsmoyFqUqYAJZhvB8V7+AiBy0sJ5+UHZEVxy3UdOk8uPn2VIBpAh8gUZPRt0wjfuNQ==",
        java.util.Base64.getEncoder().encodeToString(sig.toByteArray()));
    assertTrue(TestKey.verifyDer(Vectors.load("simple-signing-payload.json"), sig));
  }

  @Test
  void build_annotations_areSortedStringsInOptional() {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("zeta", "1");
    annotations.put("alpha", "<&>");

    Bytes payload = SimpleSigningPayload.build(REPO, M1, annotations);

    assertTrue(
        payload.asUtf8().endsWith(",\"optional\":{\"alpha\":\"<&>\",\"zeta\":\"1\"}}"),
        payload.asUtf8());
  }

  @Test
  void parse_goldenPayload_exposesSignedFields() throws Exception {
    SimpleSigningPayload p =
        SimpleSigningPayload.parse(Vectors.load("simple-signing-payload.json"));

    assertEquals(M1, p.digest());
    assertEquals(REPO, p.dockerReference());
    assertEquals(SimpleSigningPayload.TYPE, p.type());
    assertEquals(Optional.empty(), p.optional());
    assertEquals(Map.of(), p.annotations());
  }

  @Test
  void parse_containersImagePayload_readsCreatorAndTimestamp() throws Exception {
    Bytes payload =
        Bytes.utf8(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"r/a:1\"},\"image\":"
                + "{\"docker-manifest-digest\":\""
                + M1
                + "\"},\"type\":\"cosign container image"
                + " signature\"},\"optional\":{\"creator\":\"containers/image 5.30\","
                + "\"timestamp\":1735787400}}");

    SimpleSigningPayload p = SimpleSigningPayload.parse(payload);

    assertEquals(Optional.of(Instant.ofEpochSecond(1735787400)), p.timestamp());
    assertEquals(Map.of("creator", "containers/image 5.30"), p.annotations());
  }

  @Test
  void parse_roundTripsAnnotations() throws Exception {
    Bytes payload = SimpleSigningPayload.build(REPO, M1, Map.of("env", "prod"));

    assertEquals(Map.of("env", "prod"), SimpleSigningPayload.parse(payload).annotations());
  }

  @Test
  void buildWithOptional_nonIntegerTimestamp_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SimpleSigningPayload.buildWithOptional(
                    REPO,
                    M1,
                    Map.of(
                        "timestamp", com.fasterxml.jackson.databind.node.TextNode.valueOf("x"))));
    assertTrue(e.getMessage().contains("optional.timestamp"), e.getMessage());
    assertFalse(
        SimpleSigningPayload.buildWithOptional(REPO, M1, Map.of("timestamp", IntNode.valueOf(5)))
            .isEmpty());
  }

  private static String golden() {
    return Vectors.text("simple-signing-payload.json");
  }

  private static void assertRefused(String json, String fieldInMessage) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> SimpleSigningPayload.parse(Bytes.utf8(json)));
    assertTrue(e.getMessage().startsWith("read simple signing payload: "), e.getMessage());
    assertTrue(e.getMessage().contains(fieldInMessage), e.getMessage());
  }

  @Test
  void parse_wrongType_isRefusedNamingField() {
    assertRefused(golden().replace("cosign container image signature", "other"), "critical.type");
  }

  @Test
  void parse_badDigest_isRefusedNamingField() {
    assertRefused(
        golden().replace("sha256:a70c", "sha256:A70c"), "critical.image.docker-manifest-digest");
  }

  @Test
  void parse_extraCriticalMember_isRefused() {
    assertRefused(golden().replace("\"type\":", "\"extra\":1,\"type\":"), "critical.extra");
  }

  @Test
  void parse_extraTopLevelMember_isRefused() {
    assertRefused(golden().replace("\"optional\":null", "\"optional\":null,\"x\":1"), "field x");
  }

  @Test
  void parse_duplicateKey_isRefused() {
    assertRefused(
        golden().replace("\"optional\":null", "\"optional\":null,\"optional\":null"), "optional");
  }

  @Test
  void parse_referenceNotString_isRefused() {
    assertRefused(
        golden().replace("\"registry.example.com/team/app\"", "7"),
        "critical.identity.docker-reference: expected a string (got number)");
  }

  @Test
  void parse_missingImage_isRefused() {
    assertRefused(
        "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"type\":\"cosign container"
            + " image signature\"},\"optional\":null}",
        "critical.image: missing");
  }

  @Test
  void parse_timestampNotInteger_isRefused() {
    assertRefused(
        golden().replace("\"optional\":null", "\"optional\":{\"timestamp\":\"now\"}"),
        "optional.timestamp: expected an integer");
  }

  @Test
  void parse_malformedJson_isRefused() {
    assertRefused("{\"critical\":", "malformed JSON");
  }
}
