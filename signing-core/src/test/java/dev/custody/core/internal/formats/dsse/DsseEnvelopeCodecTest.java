package dev.custody.core.internal.formats.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.TestKey;
import dev.custody.core.internal.formats.Vectors;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseEnvelopeCodecTest {
  static final String SIG =
      "MEYCIQDvNYFMkXfu6CQdgviw1waU5XG4y6p6XxXu9cq7wjz97gIhANZIKAduR1F92OiwE+atrc3rcF3SeBtgdDEEryQv457h";

  @Test
  void write_signedFormatsStatement_matchesEnvelopeVectorByteForByte() {
    Bytes statement = Vectors.load("statement.json");
    Bytes pae = Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement);
    Bytes sig = TestKey.signDer(pae);

    DsseEnvelope envelope =
        new DsseEnvelope(
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, List.of(DsseSignature.of(sig)));

    assertEquals(SIG, Base64.getEncoder().encodeToString(sig.toByteArray()));
    assertEquals(Vectors.load("dsse-envelope.json"), DsseEnvelopeCodec.write(envelope));
  }

  @Test
  void parse_goldenEnvelope_givesPayloadBytesAndVerifiableSignature() throws Exception {
    DsseEnvelope envelope = DsseEnvelopeCodec.parse(Vectors.load("dsse-envelope.json"));

    assertEquals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
    assertEquals(Vectors.load("statement.json"), envelope.payload());
    assertEquals(1, envelope.signatures().size());
    assertEquals("", envelope.signatures().get(0).keyId());
    assertTrue(TestKey.verifyDer(envelope.pae(), envelope.signatures().get(0).sig()));
  }

  @Test
  void parse_urlSafeBase64AndSeveralSignatures_areAccepted() throws Exception {
    byte[] payload = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe};
    String json =
        "{\"payload\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
            + "\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"-_8\"},"
            + "{\"keyid\":\"k2\",\"sig\":\"+/8=\"}],\"unknown\":{}}";

    DsseEnvelope envelope = DsseEnvelopeCodec.parse(Bytes.utf8(json));

    assertEquals(Bytes.of(payload), envelope.payload());
    assertEquals(2, envelope.signatures().size());
    assertEquals(envelope.signatures().get(0).sig(), envelope.signatures().get(1).sig());
    assertEquals("k2", envelope.signatures().get(1).keyId());
  }

  @Test
  void write_severalSignatures_roundTrips() throws Exception {
    DsseEnvelope envelope =
        new DsseEnvelope("t", Bytes.utf8("body"), List.of(DsseSignature.of(Bytes.utf8("s1"))))
            .withSignature(new DsseSignature("k", Bytes.utf8("s2")));

    assertEquals(envelope, DsseEnvelopeCodec.parse(DsseEnvelopeCodec.write(envelope)));
  }

  @Test
  void protoJson_omitsEmptyKeyIdAndPutsPayloadFirst() {
    DsseEnvelope envelope =
        new DsseEnvelope("t", Bytes.utf8("b"), List.of(DsseSignature.of(Bytes.utf8("s"))));

    assertEquals(
        "{\"payload\":\"Yg==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"cw==\"}]}",
        DsseEnvelopeCodec.protoJson(envelope).toString());
  }

  private static void assertRefused(String json, String expected) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DsseEnvelopeCodec.parse(Bytes.utf8(json)));
    assertTrue(e.getMessage().startsWith("read DSSE envelope: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void parse_noSignatures_isRefused() {
    assertRefused(
        "{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[]}",
        "field signatures: must not be an empty array");
  }

  @Test
  void parse_sigNotString_isRefusedNamingIndex() {
    assertRefused(
        "{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"sig\":\"cw==\"},{\"sig\":1}]}",
        "field signatures[1].sig: expected a string (got number)");
  }

  @Test
  void parse_missingPayloadType_isRefused() {
    assertRefused(
        "{\"payload\":\"\",\"signatures\":[{\"sig\":\"cw==\"}]}", "field payloadType: missing");
  }

  @Test
  void parse_payloadNotBase64_isRefused() {
    assertRefused(
        "{\"payloadType\":\"t\",\"payload\":\"@@\",\"signatures\":[{\"sig\":\"cw==\"}]}",
        "field payload: not valid base64");
  }

  @Test
  void parse_duplicatePayload_isRefused() {
    assertRefused(
        "{\"payloadType\":\"t\",\"payload\":\"\",\"payload\":\"YQ==\",\"signatures\":[]}",
        "payload");
  }

  @Test
  void parse_notAnObject_isRefused() {
    assertRefused("[1]", "document: expected an object (got array)");
  }
}
