package dev.custody.core.internal.formats.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.TestKey;
import dev.custody.core.internal.formats.Vectors;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.sign.SigningException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotaryJwsBuilderTest {
  static final Instant SIGNING_TIME = Instant.parse("2025-01-02T03:10:00.999Z");
  static final Descriptor M1 =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Vectors.load("m1-manifest.json"));

  static NotaryJwsBuilder goldenBuilder() throws Exception {
    return NotaryJwsBuilder.builder()
        .payload(NotaryPayload.build(M1))
        .signer(JwsAlgorithm.ES256, TestKey::signDer)
        .certificateChain(List.of(NotaryTestSupport.leaf(), NotaryTestSupport.root()))
        .signingTime(SIGNING_TIME)
        .signingAgent("custody/0.1.0");
  }

  @Test
  void payload_ofM1_matchesFormatsVector() {
    assertEquals(Vectors.load("notary-payload.json"), NotaryPayload.build(M1));
  }

  @Test
  void payload_dropsArtifactTypeAndSortsAnnotationsFirst() {
    Descriptor target =
        M1.toBuilder()
            .artifactType(MediaType.OCI_CONFIG)
            .annotation("io.example.buildId", "123")
            .build();

    assertEquals(
        "{\"targetArtifact\":{\"annotations\":{\"io.example.buildId\":\"123\"},\"digest\":\""
            + M1.digest()
            + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"size\":395}}",
        NotaryPayload.build(target).asUtf8());
  }

  @Test
  void payload_reservedAnnotationPrefix_isCallerError() {
    Descriptor target = M1.toBuilder().annotation("io.cncf.notary.x", "1").build();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NotaryPayload.build(target));
    assertTrue(e.getMessage().contains("reserved prefix io.cncf.notary"), e.getMessage());
  }

  @Test
  void protectedHeader_es256_matchesFormatsVectorWithWholeSeconds() throws Exception {
    assertEquals(Vectors.load("notary-protected.json"), goldenBuilder().protectedHeader());
  }

  @Test
  void sign_appendixAKeyAndChain_matchesFormatsEnvelopeByteForByte() throws Exception {
    SignedNotaryJws signed = goldenBuilder().sign();

    assertEquals(Vectors.load("notary-jws.json"), signed.envelope());
    assertEquals(
        "sha256:9c25c83425026b308f68cf08ded54169a76397b8199457332e28d56e381001a3",
        Digest.of(signed.envelope()).toString());
    assertEquals(64, signed.signature().size());
  }

  @Test
  void signatureManifest_ofGoldenEnvelope_matchesFormatsVector() throws Exception {
    ImageManifest manifest =
        NotarySignatureManifest.build(
            Vectors.load("notary-jws.json"),
            List.of(
                NotaryTestSupport.der(NotaryTestSupport.leaf()),
                NotaryTestSupport.der(NotaryTestSupport.root())),
            SIGNING_TIME,
            M1);

    assertEquals(Vectors.load("notary-signature-manifest.json"), manifest.raw());
    assertEquals(
        "sha256:2c13b04d196a1dd64a5b1d018193ab43ffa89938dc81d70963a3dc1466178ee4",
        manifest.digest().toString());
    assertTrue(NotarySignatureManifest.isNotarySignature(manifest));
    assertEquals(
        List.of(
            "8f16deb3f46730bbd11a37b0056df6c871650da7daeb0d1891bd1ce7316e4c0f",
            "0e8f9bd609dd02625013a4b88f089ed59ab3fbf07d0c5ad24a320b759c658ffd"),
        NotarySignatureManifest.thumbprints(manifest));
    assertEquals(
        Digest.of(Vectors.load("notary-jws.json")),
        NotarySignatureManifest.envelopeLayer(manifest).digest());
  }

  @Test
  void protectedHeader_withExpiry_listsItAsCritical() throws Exception {
    Bytes header = goldenBuilder().expiry(Instant.parse("2026-01-02T03:10:00Z")).protectedHeader();

    assertEquals(
        "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\",\"io.cncf.notary.expiry\"],"
            + "\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
            + "\"io.cncf.notary.expiry\":\"2026-01-02T03:10:00Z\","
            + "\"io.cncf.notary.signingScheme\":\"notary.x509\","
            + "\"io.cncf.notary.signingTime\":\"2025-01-02T03:10:00Z\"}",
        header.asUtf8());
  }

  @Test
  void sign_signerForAnotherAlgorithmThanLeaf_isCallerError() throws Exception {
    NotaryJwsBuilder b = goldenBuilder().signer(JwsAlgorithm.ES384, TestKey::signDer);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::sign);
    assertTrue(e.getMessage().contains("signs ES256, but the signer is ES384"), e.getMessage());
  }

  @Test
  void sign_signerFailure_propagatesSigningException() throws Exception {
    SigningException failure = new SigningException("key locked");
    NotaryJwsBuilder b =
        goldenBuilder()
            .signer(
                JwsAlgorithm.ES256,
                m -> {
                  throw failure;
                });

    SigningException e = assertThrows(SigningException.class, b::sign);
    assertEquals(failure, e);
  }

  @Test
  void sign_rsa3072_usesPs384AndVerifiesWithJca() throws Exception {
    KeyPair keys = NotaryTestSupport.rsa(3072);
    var cert = NotaryTestSupport.selfSigned(keys, "SHA384withRSA");
    JwsAlgorithm alg = JwsAlgorithm.forKey(keys.getPublic());
    SignedNotaryJws signed =
        NotaryJwsBuilder.builder()
            .payload(NotaryPayload.build(M1))
            .signer(
                alg,
                m -> {
                  try {
                    Signature s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(alg.pssParameters().orElseThrow());
                    s.initSign(keys.getPrivate());
                    s.update(m.toByteArray());
                    return Bytes.of(s.sign());
                  } catch (java.security.GeneralSecurityException e) {
                    throw new SigningException(e.getMessage());
                  }
                })
            .certificateChain(List.of(cert))
            .signingTime(SIGNING_TIME)
            .sign();

    NotaryJws read = NotaryJwsReader.parse(signed.envelope());
    NotaryJws.VerificationInput input = read.bindKey(cert.getPublicKey());

    assertEquals(JwsAlgorithm.PS384, input.algorithm());
    Signature v = Signature.getInstance(input.algorithm().jcaName());
    v.setParameter(input.algorithm().pssParameters().orElseThrow());
    v.initVerify(keys.getPublic());
    v.update(input.signingInput().toByteArray());
    assertTrue(v.verify(input.jcaSignature().toByteArray()));
  }

  @Test
  void sign_p384WithExpiryAndTimestamp_roundTripsThroughReader() throws Exception {
    KeyPair keys = NotaryTestSupport.ec("secp384r1");
    var cert = NotaryTestSupport.selfSigned(keys, "SHA384withECDSA");
    SignedNotaryJws signed =
        NotaryJwsBuilder.builder()
            .payload(NotaryPayload.build(M1))
            .signer(
                JwsAlgorithm.ES384,
                m -> {
                  try {
                    Signature s = Signature.getInstance("SHA384withECDSA");
                    s.initSign(keys.getPrivate());
                    s.update(m.toByteArray());
                    return Bytes.of(s.sign());
                  } catch (java.security.GeneralSecurityException e) {
                    throw new SigningException(e.getMessage());
                  }
                })
            .certificateChain(List.of(cert))
            .signingTime(SIGNING_TIME)
            .expiry(Instant.parse("2030-01-01T00:00:00Z"))
            .sign()
            .withTimestamp(Bytes.utf8("token"));

    NotaryJws read = NotaryJwsReader.parse(signed.envelope());
    NotaryJws.VerificationInput input = read.bindKey(cert.getPublicKey());
    Signature v = Signature.getInstance(input.algorithm().jcaName());
    v.initVerify(keys.getPublic());
    v.update(input.signingInput().toByteArray());

    assertEquals(96, read.signature().size());
    assertTrue(v.verify(input.jcaSignature().toByteArray()));
    assertEquals(
        java.util.Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
        read.protectedHeader().expiry());
    assertEquals(java.util.Optional.of(Bytes.utf8("token")), read.timestampToken());
    assertEquals(M1, NotaryPayload.parse(read.payload()));
    assertEquals(Map.of(), NotaryPayload.parse(read.payload()).annotations());
  }
}
