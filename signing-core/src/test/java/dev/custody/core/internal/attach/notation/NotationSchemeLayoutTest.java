package dev.custody.core.internal.attach.notation;

import static dev.custody.core.internal.attach.notation.NotationTestSupport.certificate;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.der;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.describe;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.notary;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.only;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.trustPolicy;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.trustStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.core.internal.formats.notary.NotaryHeaders;
import dev.custody.core.internal.formats.notary.NotarySignatureManifest;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.StoredSignature;
import dev.custody.store.StoreException;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notary signatures on an OCI layout, signed and verified through the public {@link Custody} API.
 */
class NotationSchemeLayoutTest {
  @TempDir Path temp;

  private final Custody custody = Custody.builder().build();
  private Path layout;
  private ImageReference image;
  private TestCertificate signer;
  private Path policy;
  private Path store;

  @BeforeEach
  void setUp() throws Exception {
    layout =
        TestImages.writeLayout(
            temp.resolve("layout"),
            Map.of("v1", TestImages.image("notation-a"), "other", TestImages.image("notation-b")));
    image = ImageReference.parse("oci:" + layout + ":v1");
    signer = certificate("Release Signer");
    store = trustStore(temp.resolve("truststore"), "test", signer.certificate());
    policy = trustPolicy(temp.resolve("trustpolicy.json"), "test", "strict");
  }

  private VerifyOptions policyOptions() {
    return VerifyOptions.builder().notaryTrust(policy, store).build();
  }

  @Test
  void signedLayout_trustPolicyTrustsCertificate_verified() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SignResult signed = custody.sign(image, signer.signer(), notary(signer));

    SignatureReport report = custody.verify(image, policyOptions());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
    Evidence e = only(report);
    assertEquals(Optional.of(SignatureFormat.NOTATION), e.format());
    assertEquals(EvidenceStorage.NOTATION, e.storage());
    assertEquals(signed.signatures().get(0).manifest(), e.ref());
    assertEquals(signed.resolved().digest(), e.subject());
    assertTrue(e.verifiedBy().orElseThrow().subject().orElseThrow().contains("CN=Release Signer"));
    assertEquals(
        Optional.of(Digest.of(der(signer.certificate()))),
        e.verifiedBy().orElseThrow().rootFingerprint());
    Instant signedTime = e.signedTime().orElseThrow();
    assertFalse(signedTime.isBefore(before), signedTime + " before " + before);
    assertTrue(e.content().asUtf8().contains(signed.resolved().digest().toString()));
  }

  @Test
  void sign_layout_storesNotationReferrerManifestListedInIndex() throws Exception {
    StoredSignature stored =
        custody.sign(image, signer.signer(), notary(signer)).signatures().get(0);

    assertEquals(EvidenceStorage.NOTATION, stored.storage());
    assertEquals(stored.manifest().toString(), stored.location());
    assertTrue(
        Files.readString(layout.resolve("index.json")).contains(stored.manifest().toString()));
    try (LayoutStore s = LayoutStore.open(layout, false)) {
      ImageManifest m = (ImageManifest) s.manifest(stored.manifest());
      Descriptor subject = s.resolve("v1");
      assertEquals(Optional.of(NotarySignatureManifest.ARTIFACT_TYPE), m.artifactType());
      assertEquals(MediaType.OCI_EMPTY, m.config().mediaType());
      assertEquals(Optional.of(NotarySignatureManifest.EMPTY_CONFIG), m.config().data());
      assertTrue(s.hasBlob(m.config().digest()));
      assertEquals(1, m.layers().size());
      assertEquals(NotaryHeaders.JWS_MEDIA_TYPE, m.layers().get(0).mediaType().value());
      assertEquals(subject.digest(), m.subject().orElseThrow().digest());
      assertEquals(
          "[\"" + Digest.of(der(signer.certificate())).hex() + "\"]",
          m.annotations().get(NotarySignatureManifest.THUMBPRINTS_ANNOTATION));
      assertEquals(
          List.of(stored.manifest()),
          s.referrers(subject.digest(), NotarySignatureManifest.ARTIFACT_TYPE).stream()
              .map(Descriptor::digest)
              .toList());
    }
  }

  @Test
  void signedLayout_keySignerForLeafKey_verifiedByKey() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));
    Bytes spki = signer.key().publicKey().spki();

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(TrustedSigner.publicKey("release", spki)))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
    assertEquals(
        Optional.of(Digest.of(spki)), only(report).verifiedBy().orElseThrow().keyFingerprint());
  }

  @Test
  void signedLayout_certificateSignerWithMatchingPattern_verified() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));
    String subject = signer.certificate().getSubjectX500Principal().getName();
    String pattern = subject.replace("CN=Release Signer", "CN=*");

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(
                    List.of(
                        TrustedSigner.certificate(
                            "release", List.of(der(signer.certificate())), pattern)))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
  }

  @Test
  void signedLayout_certificateSignerWithOtherSubject_untrustedSigner() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(
                    List.of(
                        TrustedSigner.certificate(
                            "release",
                            List.of(der(signer.certificate())),
                            "CN=Someone Else,O=Custody")))
                .build());

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), () -> describe(report));
    Evidence e = only(report);
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(
        e.failureDetail().contains("does not match \"CN=Someone Else,O=Custody\""),
        e.failureDetail());
  }

  @Test
  void signedByOtherCertificate_trustPolicy_noneTrustedWithUntrustedSigner() throws Exception {
    TestCertificate stranger = certificate("Stranger");
    custody.sign(image, stranger.signer(), notary(stranger));

    SignatureReport report = custody.verify(image, policyOptions());

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), () -> describe(report));
    assertTrue(report.message().contains("none verified"), report.message());
    Evidence e = only(report);
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(
        e.failureDetail().contains("authenticity check failed")
            && e.failureDetail().contains("does not contain any trusted certificate"),
        e.failureDetail());
  }

  @Test
  void signedByOtherCertificate_keySigner_untrustedSignerNamesTheCertificate() throws Exception {
    TestCertificate stranger = certificate("Stranger");
    custody.sign(image, stranger.signer(), notary(stranger));

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(
                    List.of(TrustedSigner.publicKey("release", signer.key().publicKey().spki())))
                .build());

    Evidence e = only(report);
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(e.failureDetail().contains("CN=Stranger"), e.failureDetail());
  }

  @Test
  void unsignedLayout_noSignatures() throws Exception {
    SignatureReport report = custody.verify(image, policyOptions());

    assertEquals(SignatureOutcome.NO_SIGNATURES, report.outcome());
    assertTrue(report.message().contains("no signatures found"), report.message());
  }

  @Test
  void expiredSignature_trustPolicyAndSigners_expired() throws Exception {
    Instant past = Instant.now().minus(Duration.ofDays(2));
    TestCertificate old = certificate("Release Signer", past.minus(Duration.ofDays(1)));
    NotationScheme pastScheme = new NotationScheme(Clock.fixed(past, ZoneOffset.UTC));
    SignOptions options =
        SignOptions.builder()
            .format(SignatureFormat.NOTATION)
            .certificateChain(List.of(der(old.certificate())))
            .expiry(Duration.ofHours(1))
            .build();
    try (LayoutStore s = LayoutStore.open(layout, false)) {
      Descriptor v1 = s.resolve("v1");
      pastScheme.sign(
          s, image.withDigest(v1.digest()), s.manifest(v1.digest()), old.signer(), options);
    }
    Path oldStore = trustStore(temp.resolve("old-store"), "test", old.certificate());

    SignatureReport byPolicy =
        custody.verify(image, VerifyOptions.builder().notaryTrust(policy, oldStore).build());
    SignatureReport bySigner =
        custody.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(TrustedSigner.publicKey("old", old.key().publicKey().spki())))
                .build());

    assertEquals(SignatureOutcome.NONE_TRUSTED, byPolicy.outcome(), () -> describe(byPolicy));
    assertEquals(Optional.of(ReasonCode.EXPIRED), only(byPolicy).failure());
    assertTrue(only(byPolicy).failureDetail().contains("digital signature has expired"));
    assertEquals(
        Optional.of(ReasonCode.EXPIRED), only(bySigner).failure(), () -> describe(bySigner));
    assertTrue(only(bySigner).failureDetail().contains("the signature expired on"));
  }

  @Test
  void tamperedEnvelope_signatureInvalid() throws Exception {
    StoredSignature stored =
        custody.sign(image, signer.signer(), notary(signer)).signatures().get(0);
    try (LayoutStore s = LayoutStore.open(layout, false)) {
      ImageManifest original = (ImageManifest) s.manifest(stored.manifest());
      String envelope = s.readBlob(original.layers().get(0), 1 << 20).asUtf8();
      // flip one character of the payload: the signature no longer covers it
      int at = envelope.indexOf("\"payload\":\"") + 20;
      char flipped = envelope.charAt(at) == 'A' ? 'B' : 'A';
      Bytes tampered = Bytes.utf8(envelope.substring(0, at) + flipped + envelope.substring(at + 1));
      s.deleteManifest(stored.manifest());
      store(s, tampered, s.resolve("v1"));
    }

    SignatureReport report = custody.verify(image, policyOptions());

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), () -> describe(report));
    assertEquals(Optional.of(ReasonCode.SIGNATURE_INVALID), only(report).failure());
    assertTrue(
        only(report).failureDetail().contains("signature is not valid"),
        only(report).failureDetail());
  }

  @Test
  void signatureCopiedFromAnotherImage_subjectMismatch() throws Exception {
    ImageReference other = ImageReference.parse("oci:" + layout + ":other");
    StoredSignature stored =
        custody.sign(other, signer.signer(), notary(signer)).signatures().get(0);
    Digest otherDigest;
    try (LayoutStore s = LayoutStore.open(layout, false)) {
      otherDigest = s.resolve("other").digest();
      ImageManifest original = (ImageManifest) s.manifest(stored.manifest());
      Bytes envelope = s.readBlob(original.layers().get(0), 1 << 20);
      store(s, envelope, s.resolve("v1"));
    }

    SignatureReport report = custody.verify(image, policyOptions());

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), () -> describe(report));
    Evidence e = only(report);
    assertEquals(Optional.of(ReasonCode.SUBJECT_MISMATCH), e.failure());
    assertTrue(e.failureDetail().contains("got " + otherDigest), e.failureDetail());
  }

  @Test
  void trustPolicyAndSigners_policyRejectsSignerAccepts_verifiedBySigner() throws Exception {
    TestCertificate stranger = certificate("Stranger");
    custody.sign(image, stranger.signer(), notary(stranger));

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .notaryTrust(policy, store)
                .signers(
                    List.of(TrustedSigner.publicKey("stranger", stranger.key().publicKey().spki())))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
    assertTrue(only(report).verifiedBy().orElseThrow().keyFingerprint().isPresent());
  }

  @Test
  void layoutAndScopedOnlyPolicy_errorNamesTheGlobalStatement() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));
    Path scoped = temp.resolve("scoped.json");
    Files.writeString(
        scoped,
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"app\",\"registryScopes\":"
            + "[\"registry.example.com/app\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:test\"],\"trustedIdentities\":[\"*\"]}]}");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                custody.verify(image, VerifyOptions.builder().notaryTrust(scoped, store).build()));

    assertTrue(e.getMessage().contains("no applicable trust policy statement"), e.getMessage());
    assertTrue(
        e.getMessage().contains("an OCI layout is governed only by a \"*\" statement"),
        e.getMessage());
  }

  @Test
  void moreSignaturesThanAllowed_limitExceeded() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));
    custody.sign(image, signer.signer(), notaryWithExpiry());

    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                custody.verify(
                    image,
                    VerifyOptions.builder().notaryTrust(policy, store).maxSignatures(1).build()));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("more than 1 signature candidates"), e.getMessage());
  }

  @Test
  void sign_certificateOfAnotherKey_refused() throws Exception {
    TestCertificate stranger = certificate("Stranger");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> custody.sign(image, signer.signer(), notary(stranger)));

    assertTrue(
        e.getMessage().contains("the signing certificate does not belong to the signing key"),
        e.getMessage());
    assertTrue(e.getMessage().contains("CN=Stranger"), e.getMessage());
  }

  @Test
  void sign_withoutCertificateChain_refused() throws Exception {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                custody.sign(
                    image,
                    signer.signer(),
                    SignOptions.builder().format(SignatureFormat.NOTATION).build()));

    assertTrue(e.getMessage().contains("a certificate chain is required"), e.getMessage());
  }

  @Test
  void examine_countsEachCandidateAgainstTheBudget() throws Exception {
    custody.sign(image, signer.signer(), notary(signer));
    NotationScheme scheme = new NotationScheme(Clock.systemUTC());
    CandidateBudget budget = new CandidateBudget(5);
    try (LayoutStore s = LayoutStore.open(layout, false)) {
      Descriptor v1 = s.resolve("v1");
      List<Evidence> evidence =
          scheme.examine(s, image.withDigest(v1.digest()), v1, policyOptions(), budget);

      assertEquals(1, evidence.size());
      assertTrue(evidence.get(0).isVerified());
      assertEquals(1, budget.used());
    }
  }

  private SignOptions notaryWithExpiry() {
    return SignOptions.builder()
        .format(SignatureFormat.NOTATION)
        .certificateChain(List.of(der(signer.certificate())))
        .expiry(Duration.ofDays(30))
        .build();
  }

  /** Stores {@code envelope} in a fresh signature manifest whose subject is {@code subject}. */
  private void store(LayoutStore s, Bytes envelope, Descriptor subject) throws Exception {
    ImageManifest manifest =
        NotarySignatureManifest.build(
            envelope, List.of(der(signer.certificate())), Instant.now(), subject);
    NotationSigning.store(s, subject.digest(), new NotationSigning.Prepared(envelope, manifest));
  }
}
