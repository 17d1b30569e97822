package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.CUSTODY;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.key;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.reasons;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.rewriteSignatureTag;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.signatureImage;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusted;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.crypto.TestCertificates;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.CosignSignStatement;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.core.internal.formats.intoto.ResourceDescriptor;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.store.StoreException;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a cosign signature can be wrong is rejected with its own typed reason. */
class CosignTamperingTest {
  @TempDir Path tmp;

  private TestImages.Image subjectImage;
  private TestImages.Image otherImage;
  private Path layout;
  private ImageReference image;
  private ImageReference other;
  private final SigningKey key = key(KeyType.EC_P256);
  private TrustedSigner trustedKey;

  @BeforeEach
  void writeImages() {
    subjectImage = TestImages.image("subject");
    otherImage = TestImages.image("other");
    layout =
        TestImages.writeLayout(
            tmp.resolve("layout"), Map.of("v1", subjectImage, "other", otherImage));
    image = ImageReference.parse("oci:" + layout + ":v1");
    other = ImageReference.parse("oci:" + layout + ":other");
    trustedKey = trusted("release", key);
  }

  private Evidence onlyCandidate() throws Exception {
    SignatureReport report = CUSTODY.verify(image, trusting(trustedKey));
    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), report.message());
    assertEquals(1, report.examined().size(), report.examined().toString());
    return report.examined().get(0);
  }

  private static void assertRejected(ReasonCode reason, String detail, Evidence evidence) {
    assertEquals(Optional.of(reason), evidence.failure(), evidence.failureDetail());
    assertEquals(detail, evidence.failureDetail());
    assertTrue(evidence.content().isEmpty());
  }

  /** Signs legacy, then replaces the only layer with {@code payload} and {@code signature}. */
  private void replaceLegacySignature(Bytes payload, Bytes signature) throws Exception {
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
      Descriptor layer = SignatureLayer.signature(payload, signature).build().descriptor();
      rewriteSignatureTag(store, subjectImage.digest(), List.of(layer));
    }
  }

  private Bytes payloadFor(Digest digest) {
    return SimpleSigningPayload.build(image.context(), digest, Map.of());
  }

  @Test
  void legacy_flippedPayloadByte_signatureInvalid() throws Exception {
    Bytes payload = payloadFor(subjectImage.digest());
    Bytes signature = key.signer().sign(payload);
    byte[] tampered = payload.toByteArray();
    tampered[payload.asUtf8().indexOf("layout")] = 'L';

    replaceLegacySignature(Bytes.of(tampered), signature);

    assertRejected(
        ReasonCode.SIGNATURE_INVALID,
        "the signature does not verify with any of the 1 trusted key(s) (made by another key, or"
            + " altered)",
        onlyCandidate());
  }

  @Test
  void legacy_flippedSignatureByte_signatureInvalid() throws Exception {
    Bytes payload = payloadFor(subjectImage.digest());
    byte[] signature = key.signer().sign(payload).toByteArray();
    signature[signature.length - 3] ^= 0x01;

    replaceLegacySignature(payload, Bytes.of(signature));

    assertEquals(Optional.of(ReasonCode.SIGNATURE_INVALID), onlyCandidate().failure());
  }

  @Test
  void legacy_flippedSignedDigestNotResigned_signatureInvalid() throws Exception {
    Bytes payload = payloadFor(subjectImage.digest());
    Bytes signature = key.signer().sign(payload);
    String text = payload.asUtf8();
    int at = text.indexOf(subjectImage.digest().hex()) + 5;
    char flipped = text.charAt(at) == '0' ? '1' : '0';
    Bytes tampered = Bytes.utf8(text.substring(0, at) + flipped + text.substring(at + 1));

    replaceLegacySignature(tampered, signature);

    assertEquals(Optional.of(ReasonCode.SIGNATURE_INVALID), onlyCandidate().failure());
  }

  @Test
  void legacy_trustedKeySignedAnotherDigest_subjectMismatch() throws Exception {
    String hex = subjectImage.digest().hex();
    Digest flipped =
        Digest.parse("sha256:" + (hex.charAt(0) == 'a' ? 'b' : 'a') + hex.substring(1));
    Bytes payload = payloadFor(flipped);

    replaceLegacySignature(payload, key.signer().sign(payload));

    Evidence evidence = onlyCandidate();
    assertRejected(
        ReasonCode.SUBJECT_MISMATCH,
        "the payload signs another manifest (expected "
            + subjectImage.digest()
            + ", got "
            + flipped
            + ")",
        evidence);
    assertTrue(evidence.verifiedBy().isPresent(), "the signature itself verified with the key");
  }

  @Test
  void legacy_validSignatureOfAnotherImageCopied_subjectMismatch() throws Exception {
    CUSTODY.sign(other, key.signer(), SignOptions.defaults());
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      List<Descriptor> stolen = signatureImage(store, otherImage.digest()).layers();
      rewriteSignatureTag(store, subjectImage.digest(), stolen);
    }

    assertRejected(
        ReasonCode.SUBJECT_MISMATCH,
        "the payload signs another manifest (expected "
            + subjectImage.digest()
            + ", got "
            + otherImage.digest()
            + ")",
        onlyCandidate());
    assertEquals(SignatureOutcome.VERIFIED, CUSTODY.verify(other, trusting(trustedKey)).outcome());
  }

  @Test
  void legacy_keyTrustedForPkcs1_pssSignatureRejected() throws Exception {
    SigningKey rsa = key(KeyType.RSA);
    Signer pss = rsa.signer(SignatureAlgorithm.RSA_PSS_SHA256);
    CUSTODY.sign(image, pss, SignOptions.defaults());

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("rsa", rsa)));

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome());
    assertEquals(List.of(Optional.of(ReasonCode.SIGNATURE_INVALID)), reasons(report));
  }

  @Test
  void bundle_keyTrustedForPureEd25519_ed25519phSignatureRejectedNamingTheAlgorithm()
      throws Exception {
    SigningKey ed = key(KeyType.ED25519);
    CUSTODY.sign(
        image,
        ed.signer(SignatureAlgorithm.ED25519_PH),
        SignOptions.builder().referrersMode(ReferrersMode.OCI_1_1).build());

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("ed", ed)));

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome());
    assertRejected(
        ReasonCode.SIGNATURE_INVALID,
        "the signature does not verify with trusted key "
            + ed.publicKey().keyId()
            + " (ED25519), which the bundle's key hint names",
        report.examined().get(0));
  }

  @Test
  void legacy_payloadBlobCorruptedOnDisk_malformed() throws Exception {
    CUSTODY.sign(image, key.signer(), SignOptions.defaults());
    Descriptor layer;
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      layer = signatureImage(store, subjectImage.digest()).layers().get(0);
    }
    Path blob = layout.resolve("blobs/sha256/" + layer.digest().hex());
    byte[] content = Files.readAllBytes(blob);
    content[10] ^= 0x20;
    Files.write(blob, content);

    Evidence evidence = onlyCandidate();

    assertEquals(Optional.of(ReasonCode.MALFORMED), evidence.failure());
    assertTrue(
        evidence.failureDetail().startsWith("signature layer " + layer.digest() + " payload: "),
        evidence.failureDetail());
  }

  @Test
  void legacy_layerWithoutSignatureAnnotation_malformed() throws Exception {
    Bytes payload = payloadFor(subjectImage.digest());
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
      rewriteSignatureTag(
          store,
          subjectImage.digest(),
          List.of(Descriptor.ofContent(SimpleSigningPayload.MEDIA_TYPE, payload)));
    }

    Evidence evidence = onlyCandidate();

    assertEquals(Optional.of(ReasonCode.MALFORMED), evidence.failure());
    assertTrue(
        evidence.failureDetail().contains("dev.cosignproject.cosign/signature: missing"),
        evidence.failureDetail());
  }

  @Test
  void legacy_payloadLargerThanTheBound_limitExceededWithoutReading() throws Exception {
    Descriptor huge =
        Descriptor.builder(
                SimpleSigningPayload.MEDIA_TYPE,
                Digest.parse("sha256:" + "ab".repeat(32)),
                CandidateReads.MAX_CANDIDATE_BYTES + 1L)
            .annotation(SignatureLayer.SIGNATURE, "AAAA")
            .build();
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      rewriteSignatureTag(store, subjectImage.digest(), List.of(huge));
    }

    assertRejected(
        ReasonCode.LIMIT_EXCEEDED,
        "signature layer sha256:"
            + "ab".repeat(32)
            + " payload is too large (expected at most 1048576 bytes, got 1048577)",
        onlyCandidate());
  }

  @Test
  void legacy_certificateSignature_untrustedUnlessItsSubjectOrKeyIsTrusted() throws Exception {
    TestCertificates.TestCertificate certificate =
        TestCertificates.generate(
            "release.example.com",
            KeyType.EC_P256,
            Duration.ofDays(1),
            Instant.now(),
            new SecureRandom());
    Signer signer = certificate.key().signer();
    CUSTODY.sign(
        image,
        signer,
        SignOptions.builder()
            .certificateChain(List.of(Bytes.of(certificate.certificate().getEncoded())))
            .build());
    // the subject reads O=Custody,OU=…,CN=release.example.com: RDN order matters
    TrustedSigner otherSubject =
        TrustedSigner.certificate(
            "release",
            List.of(Bytes.of(certificate.certificate().getEncoded())),
            "CN=release.example.com,OU=*,O=Custody");

    SignatureReport untrusted = CUSTODY.verify(image, trusting(otherSubject, trustedKey));
    SignatureReport byKey = CUSTODY.verify(image, trusting(trusted("k", signer)));

    assertEquals(SignatureOutcome.NONE_TRUSTED, untrusted.outcome());
    Evidence rejected = untrusted.examined().get(0);
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), rejected.failure());
    assertTrue(
        rejected
                .failureDetail()
                .startsWith(
                    "chains to signer release, but the subject does not match"
                        + " \"CN=release.example.com,OU=*,O=Custody\"; none of the 1 certificate"
                        + " signer(s) accepts the certificate \"O=Custody,OU=Custody test"),
        rejected.failureDetail());
    assertEquals(SignatureOutcome.VERIFIED, byKey.outcome(), byKey.message());
  }

  @Test
  void legacy_certificateNotForTheSigningKey_refusedAtSigning() throws Exception {
    TestCertificates.TestCertificate certificate =
        TestCertificates.generate(
            "someone.example.com",
            KeyType.EC_P256,
            Duration.ofDays(1),
            Instant.now(),
            new SecureRandom());
    SignOptions options =
        SignOptions.builder()
            .certificateChain(List.of(Bytes.of(certificate.certificate().getEncoded())))
            .build();

    dev.custody.sign.SigningException e =
        assertThrows(
            dev.custody.sign.SigningException.class,
            () -> CUSTODY.sign(image, key.signer(), options));

    assertEquals(
        "sign with certificate: the leaf certificate is not for the signing key (expected key "
            + key.publicKey().keyId()
            + ")",
        e.getMessage());
  }

  @Test
  void signatureTagHoldingAnIndex_signRefusesAndVerifyRejects() throws Exception {
    TestImages.Index index = TestImages.index("squatter");
    String tag = CosignTags.signatureTag(subjectImage.digest());
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      for (TestImages.Blob blob : index.blobs()) {
        store.putBlob(blob.mediaType(), blob.content());
      }
      store.putManifest(
          dev.custody.core.internal.oci.ManifestCodec.parse(
              index.manifest().content(), Optional.empty()),
          tag);
    }

    StoreException e =
        assertThrows(
            StoreException.class, () -> CUSTODY.sign(image, key.signer(), SignOptions.defaults()));
    Evidence evidence = onlyCandidate();

    assertEquals(Reason.INVALID_INPUT, e.reason());
    assertEquals(
        "sign oci:"
            + layout.toRealPath()
            + ":"
            + tag
            + ": the tag holds an image index, not a cosign signature image; refusing to overwrite"
            + " it",
        e.getMessage());
    assertEquals(Optional.of(ReasonCode.MALFORMED), evidence.failure());
    assertEquals(index.digest(), evidence.ref());
  }

  // --- bundles -------------------------------------------------------------------------------

  /**
   * Puts a referrer of the subject holding a bundle over {@code statement} signed by {@code
   * signer}.
   */
  private void putBundle(
      Bytes statement, Bytes signature, Signer signer, Optional<String> predicateType)
      throws Exception {
    putBundleBytes(
        BundleCodec.write(
            SigstoreBundle.ofKey(
                signer.keyId().value(),
                new DsseEnvelope(
                    DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
                    statement,
                    List.of(DsseSignature.of(signature))))),
        predicateType);
  }

  private void putBundleBytes(Bytes bundle, Optional<String> predicateType) throws Exception {
    try (LayoutStore store = LayoutStore.open(layout, false)) {
      ImageManifest referrer =
          BundleReferrer.manifest(
              bundle,
              SigstoreBundle.Content.DSSE_ENVELOPE,
              predicateType,
              Instant.parse("2026-01-02T03:04:05Z"),
              subjectImage.manifest().descriptor());
      store.putBlob(MediaType.OCI_EMPTY, BundleReferrer.EMPTY_CONFIG);
      store.putBlob(BundleReferrer.BUNDLE_MEDIA_TYPE, bundle);
      store.putManifest(referrer);
    }
  }

  private static Bytes signPae(Signer signer, Bytes statement) throws Exception {
    return signer.sign(Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement));
  }

  @Test
  void bundle_flippedStatementByte_signatureInvalid() throws Exception {
    Bytes statement = StatementCodec.write(CosignSignStatement.of(subjectImage.digest(), Map.of()));
    Bytes signature = signPae(key.signer(), statement);
    byte[] tampered = statement.toByteArray();
    tampered[statement.asUtf8().indexOf("sign/v1")] = 'S';

    putBundle(Bytes.of(tampered), signature, key.signer(), Optional.empty());

    assertRejected(
        ReasonCode.SIGNATURE_INVALID,
        "the signature does not verify with trusted key "
            + key.publicKey().keyId()
            + " (ECDSA_P256_SHA256), which the bundle's key hint names",
        onlyCandidate());
  }

  @Test
  void bundle_validBundleOfAnotherImageCopied_subjectMismatch() throws Exception {
    Bytes statement = StatementCodec.write(CosignSignStatement.of(otherImage.digest(), Map.of()));

    putBundle(statement, signPae(key.signer(), statement), key.signer(), Optional.empty());

    Evidence evidence = onlyCandidate();
    assertEquals(Optional.of(ReasonCode.SUBJECT_MISMATCH), evidence.failure());
    assertTrue(
        evidence
            .failureDetail()
            .startsWith(
                "the statement signs another manifest (expected "
                    + subjectImage.digest()
                    + ", got {sha256="
                    + otherImage.digest().hex()),
        evidence.failureDetail());
  }

  @Test
  void bundle_notJson_malformed() throws Exception {
    putBundleBytes(Bytes.utf8("{\"mediaType\":"), Optional.empty());

    Evidence evidence = onlyCandidate();

    assertEquals(Optional.of(ReasonCode.MALFORMED), evidence.failure());
    assertTrue(
        evidence.failureDetail().startsWith("read Sigstore bundle"), evidence.failureDetail());
  }

  @Test
  void bundle_otherPayloadType_payloadTypeMismatch() throws Exception {
    Bytes statement = StatementCodec.write(CosignSignStatement.of(subjectImage.digest(), Map.of()));
    Bytes bundle =
        BundleCodec.write(
            SigstoreBundle.ofKey(
                key.publicKey().keyId().value(),
                new DsseEnvelope(
                    "application/json",
                    statement,
                    List.of(
                        DsseSignature.of(
                            key.signer().sign(Pae.encode("application/json", statement)))))));

    putBundleBytes(bundle, Optional.empty());

    assertRejected(
        ReasonCode.PAYLOAD_TYPE_MISMATCH,
        "the envelope's payload type is not in-toto (expected application/vnd.in-toto+json, got"
            + " \"application/json\")",
        onlyCandidate());
  }

  @Test
  void bundle_verifiedAttestation_isNotReportedAsASignature() throws Exception {
    Bytes statement =
        StatementCodec.write(
            Statement.of(
                List.of(ResourceDescriptor.ofDigest(subjectImage.digest(), Map.of())),
                "https://slsa.dev/provenance/v1",
                JsonNodeFactory.instance.objectNode()));

    // no predicate-type annotation, as in go-containerregistry's fallback index: fetched, verified,
    // found to be an attestation, and left to the attestation verifier
    putBundle(statement, signPae(key.signer(), statement), key.signer(), Optional.empty());
    // with the annotation it is not even fetched
    putBundle(
        statement,
        signPae(key(KeyType.EC_P384).signer(), statement),
        key(KeyType.EC_P384).signer(),
        Optional.of("https://slsa.dev/provenance/v1"));

    SignatureReport report = CUSTODY.verify(image, trusting(trustedKey));

    assertEquals(SignatureOutcome.NO_SIGNATURES, report.outcome());
  }
}
