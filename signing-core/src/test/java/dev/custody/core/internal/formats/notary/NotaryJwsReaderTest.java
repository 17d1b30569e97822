package dev.custody.core.internal.formats.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Digest;
import dev.custody.sign.VerificationException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotaryJwsReaderTest {
  static final String GOLDEN_PROTECTED =
      "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\"],"
          + "\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
          + "\"io.cncf.notary.signingScheme\":\"notary.x509\","
          + "\"io.cncf.notary.signingTime\":\"2025-01-02T03:10:00Z\"}";

  static String b64url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** An envelope around {@code protectedJson} with the golden x5c and a zero ES256 signature. */
  static String envelope(String protectedJson) {
    return "{\"payload\":\""
        + b64url("{}")
        + "\",\"protected\":\""
        + b64url(protectedJson)
        + "\",\"header\":{\"x5c\":[\""
        + Vectors.text("notary-leaf.b64")
        + "\"]},\"signature\":\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64])
        + "\"}";
  }

  static InvalidInputException refused(String json, String expected) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> NotaryJwsReader.parse(Bytes.utf8(json)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    return e;
  }

  @Test
  void parse_goldenEnvelope_exposesHeadersPayloadChainAndSigningInput() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Vectors.load("notary-jws.json"));

    assertEquals(Vectors.load("notary-protected.json"), jws.protectedHeader().raw());
    assertEquals(JwsAlgorithm.ES256, jws.protectedHeader().declaredAlgorithm());
    assertEquals(List.of(NotaryHeaders.SIGNING_SCHEME), jws.protectedHeader().critical());
    assertEquals(NotaryHeaders.SCHEME_X509, jws.protectedHeader().signingScheme());
    assertEquals(
        Optional.of(Instant.parse("2025-01-02T03:10:00Z")), jws.protectedHeader().signingTime());
    assertEquals(Optional.empty(), jws.protectedHeader().expiry());
    assertEquals(Vectors.load("notary-payload.json"), jws.payload());
    assertEquals(2, jws.certificateChain().size());
    assertEquals(
        "8f16deb3f46730bbd11a37b0056df6c871650da7daeb0d1891bd1ce7316e4c0f",
        Digest.of(Bytes.of(jws.certificateChain().get(0).getEncoded())).hex());
    assertEquals(Optional.of("custody/0.1.0"), jws.signingAgent());
    String text = Vectors.text("notary-jws.json");
    String protectedPart = text.replaceAll(".*\"protected\":\"([^\"]+)\".*", "$1");
    String payloadPart = text.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
    assertEquals(Bytes.utf8(protectedPart + "." + payloadPart), jws.signingInput());
  }

  @Test
  void bindKey_leafKey_verifiesGoldenSignatureWithJca() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Vectors.load("notary-jws.json"));

    NotaryJws.VerificationInput input = jws.bindKey(jws.certificateChain().get(0).getPublicKey());
    Signature v = Signature.getInstance(input.algorithm().jcaName());
    v.initVerify(jws.certificateChain().get(0).getPublicKey());
    v.update(input.signingInput().toByteArray());

    assertEquals(JwsAlgorithm.ES256, input.algorithm());
    assertTrue(v.verify(input.jcaSignature().toByteArray()));
  }

  @Test
  void bindKey_rsaKeyForEs256Envelope_isAlgorithmConfusion() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Vectors.load("notary-jws.json"));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> jws.bindKey(NotaryTestSupport.rsa(2048).getPublic()));
    assertEquals(CustodyException.Reason.VERIFICATION_FAILED, e.reason());
    assertTrue(
        e.getMessage()
            .contains(
                "algorithm does not match the key (expected PS256 from the key, got alg ES256)"),
        e.getMessage());
  }

  @Test
  void bindKey_p384KeyForEs256Envelope_isRefused() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Vectors.load("notary-jws.json"));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> jws.bindKey(NotaryTestSupport.ec("secp384r1").getPublic()));
    assertTrue(
        e.getMessage().contains("expected ES384 from the key, got alg ES256"), e.getMessage());
  }

  @Test
  void bindKey_unsupportedKey_isUnsupported() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Vectors.load("notary-jws.json"));

    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                jws.bindKey(
                    java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()));
    assertEquals(CustodyException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void parse_syntheticEnvelope_isAccepted() throws Exception {
    NotaryJws jws = NotaryJwsReader.parse(Bytes.utf8(envelope(GOLDEN_PROTECTED)));

    assertEquals(Bytes.utf8("{}"), jws.payload());
  }

  @Test
  void parse_extraTopLevelMember_isRefused() {
    refused(
        Vectors.text("notary-jws.json").replace("{\"payload\"", "{\"signatures\":[],\"payload\""),
        "field signatures: not allowed here");
  }

  @Test
  void parse_paddedBase64Url_isRefused() {
    refused(
        Vectors.text("notary-jws.json").replaceFirst("(\"payload\":\"[^\"]+)\"", "$1Q==\""),
        "field payload: not unpadded base64url");
  }

  @Test
  void parse_algNone_isUnsupported() {
    InvalidInputException e =
        refused(
            envelope(GOLDEN_PROTECTED.replace("ES256", "none")),
            "field alg: unsupported algorithm \"none\"");
    assertEquals(CustodyException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void parse_algHs256_isUnsupported() {
    refused(
        envelope(GOLDEN_PROTECTED.replace("ES256", "HS256")), "unsupported algorithm \"HS256\"");
  }

  @Test
  void parse_wrongContentType_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED.replace("payload.v1+json", "payload.v2+json")),
        "field cty: expected");
  }

  @Test
  void parse_critWithoutSigningScheme_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED.replace("[\"io.cncf.notary.signingScheme\"]", "[]")),
        "field crit: must not be an empty array");
  }

  @Test
  void parse_unknownCriticalHeader_isUnsupported() {
    InvalidInputException e =
        refused(
            envelope(
                GOLDEN_PROTECTED
                    .replace(
                        "\"io.cncf.notary.signingScheme\"]",
                        "\"io.cncf.notary.signingScheme\",\"x.custom\"]")
                    .replace("\"cty\"", "\"x.custom\":1,\"cty\"")),
            "field crit[1]: unknown critical header \"x.custom\"");
    assertEquals(CustodyException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void parse_registeredHeaderInCrit_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED.replace(
                "\"io.cncf.notary.signingScheme\"]", "\"io.cncf.notary.signingScheme\",\"alg\"]")),
        "unknown critical header \"alg\"");
  }

  @Test
  void parse_criticalHeaderAbsent_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED.replace(
                "\"io.cncf.notary.signingScheme\"]",
                "\"io.cncf.notary.signingScheme\",\"io.cncf.notary.expiry\"]")),
        "critical header io.cncf.notary.expiry is not present");
  }

  @Test
  void parse_expiryNotCritical_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED.replace(
                "\"cty\"", "\"io.cncf.notary.expiry\":\"2030-01-01T00:00:00Z\",\"cty\"")),
        "field crit: must list io.cncf.notary.expiry");
  }

  @Test
  void parse_verificationPlugin_isUnsupported() {
    InvalidInputException e =
        refused(
            envelope(
                GOLDEN_PROTECTED
                    .replace(
                        "\"io.cncf.notary.signingScheme\"]",
                        "\"io.cncf.notary.signingScheme\",\"io.cncf.notary.verificationPlugin\"]")
                    .replace("\"cty\"", "\"io.cncf.notary.verificationPlugin\":\"p\",\"cty\"")),
            "verification plugins are not supported");
    assertEquals(CustodyException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void parse_missingSigningTime_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED.replace(
                ",\"io.cncf.notary.signingTime\":\"2025-01-02T03:10:00Z\"", "")),
        "field io.cncf.notary.signingTime: missing (required for notary.x509)");
  }

  @Test
  void parse_authenticSigningTimeWithX509_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED
                .replace(
                    "\"io.cncf.notary.signingScheme\"]",
                    "\"io.cncf.notary.signingScheme\",\"io.cncf.notary.authenticSigningTime\"]")
                .replace(
                    "\"cty\"",
                    "\"io.cncf.notary.authenticSigningTime\":\"2025-01-02T03:10:00Z\",\"cty\"")),
        "field io.cncf.notary.authenticSigningTime: not allowed for notary.x509");
  }

  @Test
  void parse_unknownScheme_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED.replace("\"notary.x509\"", "\"notary.pgp\"")),
        "unknown signing scheme");
  }

  @Test
  void parse_badSigningTime_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED.replace("2025-01-02T03:10:00Z", "2025-01-02")),
        "field io.cncf.notary.signingTime: not an RFC 3339 timestamp");
  }

  @Test
  void parse_duplicateKeyInProtectedHeader_isRefused() {
    refused(
        envelope(
            GOLDEN_PROTECTED.replace(
                "{\"alg\":\"ES256\",", "{\"alg\":\"ES256\",\"alg\":\"PS256\",")),
        "read Notary JWS protected header: malformed JSON");
  }

  @Test
  void parse_es256SignatureOfWrongLength_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED)
            .replaceAll("\"signature\":\"[^\"]+\"", "\"signature\":\"" + b64url("abc") + "\""),
        "field signature: ES256 signature must be 64 bytes R||S (got 3)");
  }

  @Test
  void parse_emptyX5c_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED).replaceAll("\"x5c\":\\[[^]]*]", "\"x5c\":[]"),
        "field header.x5c: must not be an empty array");
  }

  @Test
  void parse_x5cNotCertificate_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED).replaceAll("\"x5c\":\\[[^]]*]", "\"x5c\":[\"AAEC\"]"),
        "field header.x5c[0]: not a DER X.509 certificate");
  }

  @Test
  void parse_headerNameInBothHeaders_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED).replace("\"header\":{", "\"header\":{\"cty\":\"x\","),
        "field header.cty: also in the protected header");
  }

  @Test
  void parse_missingHeader_isRefused() {
    refused(
        envelope(GOLDEN_PROTECTED).replaceAll(",\"header\":\\{[^}]*}", ""),
        "field header: missing");
  }
}
