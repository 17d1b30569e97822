package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.CLOCK;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestationOutcome;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.attach.TagImageAppender;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate signers (POLICY.md "Signers": certificate roots plus a subject pattern) satisfied by
 * cosign signatures and attestations that carry a certificate chain (FORMATS.md §3.2 certificate
 * and chain annotations): the chain must validate to the signer's root, the leaf must match the
 * subject, and the signed time must lie within the leaf's validity. Attestations get their chain
 * from {@code AttestOptions.certificateChain} (legacy {@code .att} only) or, to check reading
 * independently of that writer, from layers built by hand. Clock: {@link
 * AttestFixtures#NOW}, 2026-11-26.
 */
class CertificateSignerTest {
  private static final String SUBJECT = "CN=Release Signing,O=Example";
  private static final AtomicLong SERIAL = new AtomicLong(1);

  @TempDir Path temp;

  private AttestFixtures f;
  private KeyPair rootKeys;
  private X509Certificate root;
  private X509Certificate otherRoot;
  private KeyPair leafKeys;
  private X509Certificate leaf;
  private KeyPair oldKeys;
  private X509Certificate expiredLeaf;

  @BeforeEach
  void setUp() throws Exception {
    f = new AttestFixtures(temp.resolve("layout"));
    rootKeys = ec();
    root = certificate("CN=Example Root,O=Example", rootKeys, "CN=Example Root,O=Example", rootKeys,
        true, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    KeyPair otherKeys = ec();
    otherRoot = certificate("CN=Example Root,O=Example", otherKeys, "CN=Example Root,O=Example",
        otherKeys, true, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    leafKeys = ec();
    leaf = certificate(SUBJECT, leafKeys, "CN=Example Root,O=Example", rootKeys, false,
        "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    oldKeys = ec();
    expiredLeaf = certificate(SUBJECT, oldKeys, "CN=Example Root,O=Example", rootKeys, false,
        "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z");
  }

  @Test
  void cosignSignature_chainsToRootAndMatchesSubject_verifiedAsTheCertificate() throws Exception {
    signCosign(leafKeys, leaf);

    SignatureReport report = f.custody.verify(f.image(), trusting(signer(root, SUBJECT)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), describe(report.examined()));
    Evidence e = report.examined().get(0);
    assertEquals(
        Optional.of(SignerIdentity.ofCertificate(SUBJECT, Digest.of(der(root)))), e.verifiedBy());
    assertEquals(Optional.of(AttestFixtures.NOW), e.signedTime());
  }

  @Test
  void cosignSignature_anotherRoot_untrustedSigner() throws Exception {
    signCosign(leafKeys, leaf);

    SignatureReport report = f.custody.verify(f.image(), trusting(signer(otherRoot, SUBJECT)));

    Evidence e = only(report.outcome() == SignatureOutcome.NONE_TRUSTED, report.examined());
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(
        e.failureDetail()
            .startsWith(
                "none of the 1 certificate signer(s) accepts the certificate \"" + SUBJECT + "\""),
        e.failureDetail());
  }

  @Test
  void cosignSignature_anotherSubject_untrustedSigner() throws Exception {
    signCosign(leafKeys, leaf);

    SignatureReport report =
        f.custody.verify(f.image(), trusting(signer(root, "CN=Someone Else,O=Example")));

    Evidence e = only(report.outcome() == SignatureOutcome.NONE_TRUSTED, report.examined());
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(
        e.failureDetail()
            .startsWith(
                "chains to signer release, but the subject does not match \"CN=Someone"
                    + " Else,O=Example\""),
        e.failureDetail());
  }

  @Test
  void cosignSignature_signedAfterTheLeafExpired_expired() throws Exception {
    signCosign(oldKeys, expiredLeaf);

    SignatureReport report = f.custody.verify(f.image(), trusting(signer(root, SUBJECT)));

    Evidence e = only(report.outcome() == SignatureOutcome.NONE_TRUSTED, report.examined());
    assertEquals(Optional.of(ReasonCode.EXPIRED), e.failure());
    assertEquals(
        "the certificate \"" + SUBJECT + "\" is valid from 2025-01-01T00:00:00Z until"
            + " 2025-07-01T00:00:00Z, and the signature's time 2026-11-26T10:00:00Z lies outside"
            + " it",
        e.failureDetail());
  }

  @Test
  void attestationLayer_certificateChain_verifiedByRootAndSubject() throws Exception {
    appendCertificateAttestation(leafKeys, leaf, "2026-11-20T00:00:00Z");

    AttestationReport good =
        f.custody.verifyAttestations(f.image(), trusting(signer(root, SUBJECT)), APPROVAL);
    AttestationReport wrongRoot =
        f.custody.verifyAttestations(f.image(), trusting(signer(otherRoot, SUBJECT)), APPROVAL);
    AttestationReport wrongSubject =
        f.custody.verifyAttestations(
            f.image(), trusting(signer(root, "CN=*,O=Elsewhere")), APPROVAL);

    assertEquals(AttestationOutcome.VERIFIED, good.outcome(), describe(good.examined()));
    assertEquals(
        Optional.of(SignerIdentity.ofCertificate(SUBJECT, Digest.of(der(root)))),
        good.examined().get(0).verifiedBy());
    assertEquals(
        Optional.of(ReasonCode.UNTRUSTED_SIGNER),
        only(wrongRoot.outcome() == AttestationOutcome.NONE_VERIFIED, wrongRoot.examined())
            .failure());
    Evidence e = only(wrongSubject.outcome() == AttestationOutcome.NONE_VERIFIED,
        wrongSubject.examined());
    assertTrue(e.failureDetail().contains("the subject does not match"), e.failureDetail());
  }

  @Test
  void attestationLayer_expiredLeaf_countsOnlyForTimesInsideItsValidity() throws Exception {
    appendCertificateAttestation(oldKeys, expiredLeaf, "2025-03-01T00:00:00Z");
    appendCertificateAttestation(oldKeys, expiredLeaf, "2026-11-20T00:00:00Z");

    AttestationReport report =
        f.custody.verifyAttestations(f.image(), trusting(signer(root, SUBJECT)), APPROVAL);

    assertEquals(AttestationOutcome.VERIFIED, report.outcome(), describe(report.examined()));
    assertEquals(2, report.examined().size(), describe(report.examined()));
    Evidence inside = report.examined().get(0);
    Evidence outside = report.examined().get(1);
    assertEquals(Optional.of(Instant.parse("2025-03-01T00:00:00Z")), inside.signedTime());
    assertTrue(inside.isVerified(), describe(report.examined()));
    assertEquals(Optional.of(ReasonCode.EXPIRED), outside.failure());
    assertTrue(
        outside.failureDetail().endsWith("the signature's time 2026-11-20T00:00:00Z lies outside it"),
        outside.failureDetail());
  }

  @Test
  void attest_certificateChain_attLayerAnnotatedAsCosignDoes() throws Exception {
    attestWithChain(leafKeys, List.of(der(leaf), der(root)));

    Map<String, String> annotations = attestationLayer().annotations();

    assertEquals(
        Map.of(
            SignatureLayer.SIGNATURE, "",
            SignatureLayer.PREDICATE_TYPE, APPROVAL,
            SignatureLayer.CERTIFICATE, Certificates.pem(leaf),
            SignatureLayer.CHAIN, Certificates.pem(root)),
        annotations);
  }

  @Test
  void attest_leafOnly_chainAnnotationIsEmpty() throws Exception {
    attestWithChain(leafKeys, List.of(der(leaf)));

    Map<String, String> annotations = attestationLayer().annotations();

    assertEquals(Certificates.pem(leaf), annotations.get(SignatureLayer.CERTIFICATE));
    assertEquals("", annotations.get(SignatureLayer.CHAIN));
  }

  @Test
  void attest_certificateChain_verifiedByItsRootAsTheCertificate() throws Exception {
    attestWithChain(leafKeys, List.of(der(leaf), der(root)));

    AttestationReport report =
        f.custody.verifyAttestations(f.image(), trusting(signer(root, SUBJECT)), APPROVAL);

    assertEquals(AttestationOutcome.VERIFIED, report.outcome(), describe(report.examined()));
    assertEquals(
        Optional.of(SignerIdentity.ofCertificate(SUBJECT, Digest.of(der(root)))),
        report.examined().get(0).verifiedBy());
  }

  @Test
  void attest_certificateChain_anotherRoot_untrustedSigner() throws Exception {
    attestWithChain(leafKeys, List.of(der(leaf), der(root)));

    AttestationReport report =
        f.custody.verifyAttestations(f.image(), trusting(signer(otherRoot, SUBJECT)), APPROVAL);

    Evidence e = only(report.outcome() == AttestationOutcome.NONE_VERIFIED, report.examined());
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), e.failure());
    assertTrue(
        e.failureDetail()
            .startsWith(
                "none of the 1 certificate signer(s) accepts the certificate \"" + SUBJECT + "\""),
        e.failureDetail());
  }

  @Test
  void attest_leafForAnotherKey_refusedAndNothingStored() throws Exception {
    Signer other = signer(oldKeys);

    SigningException e =
        assertThrows(
            SigningException.class,
            () ->
                f.custody.attest(
                    f.image(), other, APPROVAL, approval("release", "2026-11-20T00:00:00Z"),
                    AttestOptions.builder().certificateChain(List.of(der(leaf), der(root))).build()));

    assertEquals(
        "attest with certificate: the leaf certificate is not for the signing key (expected key "
            + other.keyId()
            + ")",
        e.getMessage());
    assertEquals(
        AttestationOutcome.NO_ATTESTATIONS,
        f.custody.verifyAttestations(f.image(), trusting(signer(root, SUBJECT)), APPROVAL)
            .outcome());
  }

  @Test
  void attest_certificateChainWithBundleReferrer_refusedInsteadOfDropped() throws Exception {
    SigningException e =
        assertThrows(
            SigningException.class,
            () ->
                f.custody.attest(
                    f.image(), signer(leafKeys), APPROVAL,
                    approval("release", "2026-11-20T00:00:00Z"),
                    AttestOptions.builder()
                        .referrersMode(ReferrersMode.OCI_1_1)
                        .certificateChain(List.of(der(leaf), der(root)))
                        .build()));

    assertTrue(
        e.getMessage()
            .endsWith(
                ": a certificate chain is stored only with legacy .att attestations; attest with"
                    + " --registry-referrers-mode legacy, or without --certificate"),
        e.getMessage());
    assertEquals(
        AttestationOutcome.NO_ATTESTATIONS,
        f.custody.verifyAttestations(f.image(), trusting(signer(root, SUBJECT)), APPROVAL)
            .outcome());
  }

  @Test
  void custodyPolicy_certificateSignerStages_satisfiedBySignatureAndAttestation()
      throws Exception {
    appendCertificateAttestation(leafKeys, leaf, "2026-11-20T00:00:00Z");
    signCosign(leafKeys, leaf);
    CustodyPolicy policy =
        CustodyPolicy.builder()
            .name("certificates")
            .scope("oci:*")
            .signer(signer(root, SUBJECT))
            .signer(TrustedSigner.certificate("impostor", List.of(der(otherRoot)), SUBJECT))
            .policyDigest(Digest.of(Bytes.utf8("certificates")))
            .stage(Stage.builder("approve").attestation(APPROVAL).signers(List.of("release")).build())
            .stage(Stage.builder("release").anySignature().signers(List.of("release")).build())
            .build();
    CustodyPolicy impostor =
        policy.toBuilder()
            .stage(Stage.builder("impostor").anySignature().signers(List.of("impostor")).build())
            .build();

    CustodyReport pass = f.custody.verifyCustody(f.image(), policy);
    CustodyReport fail = f.custody.verifyCustody(f.image(), impostor);

    assertTrue(pass.passed(), f.custody.render(pass, dev.custody.policy.ReportFormat.TEXT));
    assertEquals(
        "release",
        pass.stages().get(1).accepted().get(0).signer(),
        f.custody.render(pass, dev.custody.policy.ReportFormat.TEXT));
    assertTrue(!fail.passed());
    assertEquals(
        Optional.of(ReasonCode.UNTRUSTED_SIGNER),
        fail.stages().get(2).reason(),
        f.custody.render(fail, dev.custody.policy.ReportFormat.TEXT));
  }

  // --- helpers -------------------------------------------------------------------------------

  private void signCosign(KeyPair keys, X509Certificate certificate) throws Exception {
    f.custody.sign(
        f.image(),
        signer(keys),
        SignOptions.builder().certificateChain(List.of(der(certificate), der(root))).build());
  }

  /** Attests an approval through the API, with {@code chain} on the .att layer. */
  private void attestWithChain(KeyPair keys, List<Bytes> chain) throws Exception {
    f.custody.attest(
        f.image(),
        signer(keys),
        APPROVAL,
        approval("release", "2026-11-20T00:00:00Z"),
        AttestOptions.builder().certificateChain(chain).build());
  }

  /** {@return the only layer of the image's .att tag} */
  private Descriptor attestationLayer() throws Exception {
    try (LayoutStore store = f.store()) {
      ImageManifest manifest =
          (ImageManifest)
              store.manifest(store.resolve(CosignTags.attestationTag(f.digest())).digest());
      assertEquals(1, manifest.layers().size());
      return manifest.layers().get(0);
    }
  }

  /** An approval statement signed by the leaf's key, in a .att layer with the chain annotations. */
  private void appendCertificateAttestation(KeyPair keys, X509Certificate certificate, String at)
      throws Exception {
    Bytes statement = AttestFixtures.statement(f.digest(), APPROVAL, approval("release", at));
    DsseEnvelope envelope =
        AttestFixtures.envelope(signer(keys), DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement);
    Bytes bytes = DsseEnvelopeCodec.write(envelope);
    try (LayoutStore store = f.store()) {
      store.putBlob(SignatureLayer.DSSE_MEDIA_TYPE, bytes);
      TagImageAppender.append(
          store,
          CosignTags.attestationTag(f.digest()),
          SignatureLayer.attestation(bytes, APPROVAL)
              .certificate(Certificates.pem(certificate), Certificates.pem(root))
              .build()
              .descriptor());
    }
  }

  private static TrustedSigner signer(X509Certificate root, String subject) throws Exception {
    return TrustedSigner.certificate("release", List.of(der(root)), subject);
  }

  private static VerifyOptions trusting(TrustedSigner signer) {
    return VerifyOptions.builder().signers(List.of(signer)).build();
  }

  private static Signer signer(KeyPair keys) throws Exception {
    return SigningKey.fromPkcs8(keys.getPrivate().getEncoded(), "test key").signer();
  }

  private static Bytes der(X509Certificate certificate) throws Exception {
    return Bytes.of(certificate.getEncoded());
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** Names built from the JDK's RFC 2253 parsing, so subjects read back exactly as written. */
  private static X509Certificate certificate(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      String from,
      String until)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(new X500Principal(issuer).getEncoded()),
            BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(Instant.parse(from)),
            Date.from(Instant.parse(until)),
            X500Name.getInstance(new X500Principal(subject).getEncoded()),
            subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static Evidence only(boolean outcomeAsExpected, List<Evidence> examined) {
    assertTrue(outcomeAsExpected, describe(examined));
    assertEquals(1, examined.size(), describe(examined));
    return examined.get(0);
  }

  private static String describe(List<Evidence> examined) {
    StringBuilder out = new StringBuilder();
    for (Evidence e : examined) {
      out.append(e).append(' ').append(e.failureDetail()).append('\n');
    }
    return out.toString();
  }
}
