package dev.custody.core.internal.formats.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.TestKey;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.oci.Digest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleCodecTest {
  static final String HINT = "1XFv726FBBiit67mOpB1gVEE2LNMJqiBayeEDSGaRF0=";

  @Test
  void cosignKeyHint_ofAppendixAKey_matchesFormats() {
    assertEquals(HINT, SigstoreBundle.cosignKeyHint(Bytes.of(TestKey.publicKey().getEncoded())));
  }

  @Test
  void write_keyOnlyDsseBundle_matchesExampleAByteForByte() {
    Bytes statement = Vectors.load("statement.json");
    Bytes sig = TestKey.signDer(Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement));
    DsseEnvelope envelope =
        new DsseEnvelope(
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, List.of(DsseSignature.of(sig)));

    Bytes bundle = BundleCodec.write(SigstoreBundle.ofKey(HINT, envelope));

    assertEquals(Vectors.load("bundle-dsse.json"), bundle);
    assertEquals(
        "sha256:e179b1a7f0e3f3f7aaf2c38a5e3c95eab2fd3d49d99c368e4b0e7598f9a69954",
        Digest.of(bundle).toString());
  }

  @Test
  void write_keyOnlyMessageSignatureBundle_matchesExampleB() {
    Bytes payload = Vectors.load("simple-signing-payload.json");
    MessageSignature ms = MessageSignature.sha256(payload, TestKey.signDer(payload));

    assertEquals(
        Vectors.load("bundle-message-signature.json"),
        BundleCodec.write(SigstoreBundle.ofKey(HINT, ms)));
  }

  @Test
  void parse_exampleA_givesHintAndVerifiableEnvelope() throws Exception {
    SigstoreBundle bundle = BundleCodec.parse(Vectors.load("bundle-dsse.json"));

    assertEquals("0.3", bundle.version());
    assertEquals(SigstoreBundle.Content.DSSE_ENVELOPE, bundle.content());
    assertEquals(Optional.of(HINT), bundle.publicKeyHint());
    assertTrue(bundle.isKeyBased());
    DsseEnvelope envelope = bundle.dsseEnvelope().orElseThrow();
    assertEquals(Vectors.load("statement.json"), envelope.payload());
    assertTrue(TestKey.verifyDer(envelope.pae(), envelope.signatures().get(0).sig()));
  }

  @Test
  void parse_exampleB_givesMessageSignature() throws Exception {
    SigstoreBundle bundle = BundleCodec.parse(Vectors.load("bundle-message-signature.json"));

    MessageSignature ms = bundle.messageSignature().orElseThrow();
    assertEquals(Optional.of("SHA2_256"), ms.digestAlgorithm());
    assertTrue(TestKey.verifyDer(Vectors.load("simple-signing-payload.json"), ms.signature()));
  }

  @Test
  void parse_snakeCaseNamesAndCertificate_areAccepted() throws Exception {
    String json =
        "{\"media_type\":\"application/vnd.dev.sigstore.bundle+json;version=0.2\","
            + "\"verification_material\":{\"certificate\":{\"raw_bytes\":\"MAA=\"},"
            + "\"tlog_entries\":[{\"logIndex\":\"1\"}],\"timestamp_verification_data\":"
            + "{\"rfc3161_timestamps\":[{\"signed_timestamp\":\"AQI=\"}]}},"
            + "\"message_signature\":{\"signature\":\"AQ==\"}}";

    SigstoreBundle bundle = BundleCodec.parse(Bytes.utf8(json));

    assertEquals("0.2", bundle.version());
    assertEquals(Optional.of(Bytes.of(new byte[] {0x30, 0})), bundle.certificate());
    assertEquals(1, bundle.tlogEntries().size());
    assertEquals(List.of(Bytes.of(new byte[] {1, 2})), bundle.rfc3161Timestamps());
  }

  @Test
  void write_certificateBundle_roundTrips() throws Exception {
    String json =
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
            + "{\"certificate\":{\"rawBytes\":\"MAA=\"},\"tlogEntries\":[{\"logIndex\":\"1\"}]},"
            + "\"messageSignature\":{\"signature\":\"AQ==\"}}";

    assertEquals(json, BundleCodec.write(BundleCodec.parse(Bytes.utf8(json))).asUtf8());
  }

  private static InvalidInputException refused(String json, String expected) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> BundleCodec.parse(Bytes.utf8(json)));
    assertTrue(e.getMessage().startsWith("read Sigstore bundle: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    return e;
  }

  static String golden() {
    return Vectors.text("bundle-dsse.json");
  }

  @Test
  void parse_v04_isUnsupported() {
    InvalidInputException e =
        refused(golden().replace("v0.3+json", "v0.4+json"), "unsupported bundle media type");
    assertEquals(CustodyException.Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void parse_twoDsseSignatures_isRefused() {
    String sig = "{\"sig\":\"AQ==\"}";
    refused(
        golden().replaceFirst("\"signatures\":\\[", "\"signatures\":[" + sig + ","),
        "field dsseEnvelope.signatures: a bundle's envelope must have exactly one signature (got"
            + " 2)");
  }

  @Test
  void parse_bothContents_isRefused() {
    refused(
        golden()
            .replace(
                "\"dsseEnvelope\":",
                "\"messageSignature\":{\"signature\":\"AQ==\"},\"dsseEnvelope\":"),
        "expected exactly one of messageSignature, dsseEnvelope");
  }

  @Test
  void parse_chainInV03_isRefused() {
    refused(
        golden()
            .replace(
                "\"publicKey\":{\"hint\":\"" + HINT + "\"}",
                "\"x509CertificateChain\":{\"certificates\":[{\"rawBytes\":\"MAA=\"}]}"),
        "field verificationMaterial.x509CertificateChain: not allowed in a v0.3 bundle");
  }

  @Test
  void parse_noVerificationMaterialKind_isRefused() {
    refused(
        golden().replace("\"publicKey\":{\"hint\":\"" + HINT + "\"}", "\"other\":{}"),
        "field verificationMaterial: expected exactly one of publicKey");
  }

  @Test
  void parse_camelAndSnakeBoth_isRefused() {
    refused(
        golden().replace("\"mediaType\":", "\"media_type\":\"x\",\"mediaType\":"),
        "field mediaType: given twice");
  }

  @Test
  void parse_hintNotString_isRefused() {
    refused(
        golden().replace("\"hint\":\"" + HINT + "\"", "\"hint\":5"),
        "field verificationMaterial.publicKey.hint: expected a string (got number)");
  }

  @Test
  void parse_signatureNotBase64_isRefused() {
    refused(
        Vectors.text("bundle-message-signature.json")
            .replace("\"signature\":\"MEQ", "\"signature\":\"*MEQ"),
        "field messageSignature.signature: not valid base64");
  }

  @Test
  void decode_urlSafeSignature_isAccepted() throws Exception {
    byte[] sig = {(byte) 0xfb, (byte) 0xff};
    String json =
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":"
            + "{\"publicKey\":{}},\"messageSignature\":{\"signature\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(sig)
            + "\"}}";

    assertEquals(
        Bytes.of(sig),
        BundleCodec.parse(Bytes.utf8(json)).messageSignature().orElseThrow().signature());
  }

  @Test
  void parse_dsseKeyIdDifferentFromHint_isRefused() {
    refused(
        golden().replace("\"signatures\":[{\"sig\"", "\"signatures\":[{\"keyid\":\"other\",\"sig\""),
        "field dsseEnvelope: signatures[0].keyid differs from verificationMaterial.publicKey.hint");
  }

  @Test
  void parse_dsseKeyIdEqualToHint_isAccepted() throws Exception {
    SigstoreBundle bundle =
        BundleCodec.parse(
            Bytes.utf8(
                golden()
                    .replace(
                        "\"signatures\":[{\"sig\"",
                        "\"signatures\":[{\"keyid\":\"" + HINT + "\",\"sig\"")));

    assertEquals(HINT, bundle.dsseEnvelope().orElseThrow().signatures().get(0).keyId());
  }
}
