package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.VULN;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static dev.custody.core.internal.attach.attest.AttestFixtures.scan;
import static dev.custody.core.internal.attach.attest.AttestFixtures.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.InvalidInputException;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.AttestationOutcome;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attest and verifyAttestations through the public API on OCI layouts. */
class AttestServiceTest {
  @TempDir Path tmp;
  AttestFixtures f;

  @BeforeEach
  void setUp() {
    f = new AttestFixtures(tmp.resolve("layout"));
  }

  private VerifyOptions trusting(Signer... signers) {
    List<dev.custody.policy.TrustedSigner> list = new ArrayList<>();
    for (int i = 0; i < signers.length; i++) {
      list.add(trusted("k" + i, signers[i]));
    }
    return VerifyOptions.builder().signers(list).build();
  }

  @Test
  void attestLegacy_storesDsseLayerInAttTag_withStatementAboutExactlyTheDigest() throws Exception {
    AttestResult result =
        f.custody.attest(
            f.image(),
            f.scanner,
            "vuln",
            scan(0, "2026-11-21T00:00:00Z"),
            AttestOptions.defaults());
    String tag = CosignTags.attestationTag(f.digest());
    StoredSignature stored = result.attestations().get(0);
    assertEquals(VULN, result.predicateType());
    assertEquals(EvidenceStorage.COSIGN_ATT, stored.storage());
    assertEquals(tag, stored.location());
    try (LayoutStore store = f.store()) {
      ImageManifest att = (ImageManifest) store.manifest(store.resolve(tag).digest());
      assertEquals(stored.manifest(), att.digest());
      Descriptor layer = att.layers().get(0);
      assertEquals(SignatureLayer.DSSE_MEDIA_TYPE, layer.mediaType());
      assertEquals(VULN, layer.annotation("predicateType").orElseThrow());
      assertEquals("", layer.annotation(SignatureLayer.SIGNATURE).orElseThrow());
      DsseEnvelope envelope = DsseEnvelopeCodec.parse(store.readBlob(layer, 1 << 20));
      assertEquals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
      BcVerifiers.of(f.scanner.publicKey())
          .verify(envelope.pae(), envelope.signatures().get(0).sig());
      Statement statement = StatementCodec.parse(envelope.payload());
      assertEquals(Statement.TYPE_V1, statement.type());
      assertEquals(1, statement.subjects().size());
      assertEquals("_", statement.subjects().get(0).name().orElseThrow());
      assertTrue(statement.hasSubject(f.digest()));
    }
  }

  @Test
  void attestOci11_storesOneBundleReferrer_withPredicateTypeAnnotation() throws Exception {
    AttestResult result =
        f.custody.attest(
            f.image(),
            f.alice,
            "approval",
            approval("alice", "2026-11-22T00:00:00Z"),
            AttestOptions.builder().referrersMode(ReferrersMode.OCI_1_1).build());
    StoredSignature stored = result.attestations().get(0);
    assertEquals(EvidenceStorage.REFERRER_BUNDLE, stored.storage());
    try (LayoutStore store = f.store()) {
      List<Descriptor> referrers = store.referrers(f.digest());
      assertEquals(
          List.of(stored.manifest()),
          referrers.stream().map(Descriptor::digest).collect(Collectors.toList()));
      ImageManifest m = (ImageManifest) store.manifest(stored.manifest());
      assertEquals(APPROVAL, m.annotations().get(BundleReferrer.PREDICATE_TYPE_ANNOTATION));
      assertEquals("dsse-envelope", m.annotations().get(BundleReferrer.CONTENT_ANNOTATION));
      assertEquals(f.digest(), m.subject().orElseThrow().digest());
      SigstoreBundle bundle =
          BundleCodec.parse(store.readBlob(BundleReferrer.bundleLayer(m).orElseThrow(), 1 << 20));
      assertEquals(
          SigstoreBundle.cosignKeyHint(f.alice.publicKey().spki()),
          bundle.publicKeyHint().orElseThrow());
      assertTrue(
          StatementCodec.parse(bundle.dsseEnvelope().orElseThrow().payload())
              .hasSubject(f.digest()));
    }
  }

  @Test
  void verifyAttestations_bothModes_verifiedWithTrustedKey() throws Exception {
    f.attest(f.scanner, VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.attest(f.scanner, VULN, scan(0, "2026-11-22T00:00:00Z"), ReferrersMode.OCI_1_1);
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    AttestationReport report = f.custody.verifyAttestations(f.image(), trusting(f.scanner), "vuln");
    assertEquals(AttestationOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(f.digest(), report.resolved().digest());
    assertEquals(
        List.of(EvidenceStorage.COSIGN_ATT, EvidenceStorage.REFERRER_BUNDLE),
        report.examined().stream().map(Evidence::storage).collect(Collectors.toList()));
    assertTrue(report.examined().stream().allMatch(Evidence::isVerified));
    assertEquals(
        "2 of 2 " + VULN + " attestation(s) verified for " + f.image() + " (" + f.digest() + ")",
        report.message());
  }

  @Test
  void verifyAttestations_noneOfTheType_failsWithNoAttestations() throws Exception {
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    AttestationReport report = f.custody.verifyAttestations(f.image(), trusting(f.alice), "vuln");
    assertEquals(AttestationOutcome.NO_ATTESTATIONS, report.outcome());
    assertEquals(List.of(), report.examined());
    assertTrue(
        report.message().startsWith("no " + VULN + " attestations found for "), report.message());
  }

  @Test
  void verifyAttestations_otherKeyOnly_noneVerified() throws Exception {
    f.attest(f.stranger, VULN, scan(0, "2026-11-21T00:00:00Z"), ReferrersMode.OCI_1_1);
    AttestationReport report = f.custody.verifyAttestations(f.image(), trusting(f.scanner), VULN);
    assertEquals(AttestationOutcome.NONE_VERIFIED, report.outcome());
    // The bundle's key hint names a key nobody trusts: another signer, not a broken signature.
    assertEquals(ReasonCode.UNTRUSTED_SIGNER, report.examined().get(0).failure().orElseThrow());
  }

  @Test
  void attest_invalidSlsaPredicate_refusedBeforeSigning() throws Exception {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                f.custody.attest(
                    f.image(),
                    f.ci,
                    "slsaprovenance1",
                    Bytes.utf8("{\"runDetails\":{}}"),
                    AttestOptions.defaults()));
    assertTrue(e.getMessage().contains("buildDefinition"), e.getMessage());
    try (LayoutStore store = f.store()) {
      assertEquals(List.of("v1"), store.tags());
    }
  }

  @Test
  void attest_predicateNotAnObject_refused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                f.custody.attest(
                    f.image(), f.ci, "custom", Bytes.utf8("[1]"), AttestOptions.defaults()));
    assertEquals(
        "read predicate " + AttestFixtures.COSIGN_CUSTOM + ": not a JSON object (got ARRAY)",
        e.getMessage());
  }

  @Test
  void attest_unknownShortName_illegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                f.custody.attest(
                    f.image(), f.ci, "vulns", Bytes.utf8("{}"), AttestOptions.defaults()));
    assertTrue(
        e.getMessage().startsWith("predicate type \"vulns\": not a known short name"),
        e.getMessage());
  }

  @Test
  void attestRecursive_index_everyPlatformAttestedAndVerified() throws Exception {
    Path dir = TestImages.writeLayout(tmp.resolve("index"), "v1", TestImages.index("multi"));
    ImageReference image = ImageReference.parse("oci:" + dir + ":v1");
    AttestResult result =
        f.custody.attest(
            image,
            f.scanner,
            VULN,
            scan(0, "2026-11-21T00:00:00Z"),
            AttestOptions.builder().recursive(true).build());
    assertEquals(3, result.attestations().size());
    VerifyOptions all =
        VerifyOptions.builder()
            .signers(List.of(trusted("scanner", f.scanner)))
            .requireAllPlatforms(true)
            .build();
    AttestationReport report = f.custody.verifyAttestations(image, all, VULN);
    assertEquals(AttestationOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(2, report.platforms().size());
    assertTrue(
        report.platforms().stream()
            .allMatch(p -> p.evidence().size() == 1 && p.evidence().get(0).isVerified()));

    Path single = TestImages.writeLayout(tmp.resolve("index2"), "v1", TestImages.index("multi2"));
    ImageReference indexOnly = ImageReference.parse("oci:" + single + ":v1");
    f.custody.attest(
        indexOnly, f.scanner, VULN, scan(0, "2026-11-21T00:00:00Z"), AttestOptions.defaults());
    AttestationReport partial = f.custody.verifyAttestations(indexOnly, all, VULN);
    assertEquals(AttestationOutcome.PLATFORMS_UNATTESTED, partial.outcome(), partial.message());
  }

  @Test
  void eightConcurrentAttesters_eachModes_loseNothing() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(2 * n);
    CountDownLatch start = new CountDownLatch(1);
    List<Signer> signers = new ArrayList<>();
    List<Future<AttestResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 2 * n; i++) {
        Signer signer = AttestFixtures.newSigner();
        signers.add(signer);
        ReferrersMode mode = i < n ? ReferrersMode.LEGACY : ReferrersMode.OCI_1_1;
        Bytes predicate = approval("approver-" + i, "2026-11-22T00:00:00Z");
        // Each attester has its own Custody, as separate tools in one JVM would.
        Callable<AttestResult> task =
            () -> {
              start.await();
              return Custody.builder()
                  .build()
                  .attest(
                      f.image(),
                      signer,
                      APPROVAL,
                      predicate,
                      AttestOptions.builder().referrersMode(mode).build());
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<AttestResult> r : results) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (LayoutStore store = f.store()) {
      ImageManifest att =
          (ImageManifest)
              store.manifest(store.resolve(CosignTags.attestationTag(f.digest())).digest());
      assertEquals(n, att.layers().size());
      assertEquals(n, store.referrers(f.digest()).size());
    }
    AttestationReport report =
        f.custody.verifyAttestations(f.image(), trusting(signers.toArray(new Signer[0])), APPROVAL);
    assertEquals(2 * n, report.examined().size());
    assertTrue(report.examined().stream().allMatch(Evidence::isVerified), report.message());
    assertEquals(
        2 * n,
        report.examined().stream().map(e -> e.verifiedBy().orElseThrow()).distinct().count());
  }
}
