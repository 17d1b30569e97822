package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.SLSA;
import static dev.custody.core.internal.attach.attest.AttestFixtures.VULN;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static dev.custody.core.internal.attach.attest.AttestFixtures.provenance;
import static dev.custody.core.internal.attach.attest.AttestFixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.policy.ReportText;
import dev.custody.oci.Digest;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import dev.custody.policy.Verdict;
import dev.custody.sign.ReferrersMode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain of custody of POLICY.md on an OCI layout, attested through the public API: the good
 * chain passes, and each broken link is caught and named in the report with its reason code.
 */
class CustodyChainTest {
  @TempDir Path tmp;
  AttestFixtures f;

  @BeforeEach
  void setUp() {
    f = new AttestFixtures(tmp.resolve("layout"));
  }

  private CustodyReport verify() throws Exception {
    return f.custody.verifyCustody(f.image(), f.policy());
  }

  private static StageResult stage(CustodyReport report, String name) {
    return report.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<ReasonCode> rejected(StageResult stage) {
    return stage.rejected().stream().map(RejectedCandidate::reason).collect(Collectors.toList());
  }

  private static void assertOnlyFails(CustodyReport report, String name, ReasonCode reason) {
    assertEquals(Verdict.FAIL, report.verdict(), ReportText.render(report));
    for (StageResult s : report.stages()) {
      assertEquals(
          !s.name().equals(name), s.satisfied(), s.name() + ": " + ReportText.render(report));
    }
    assertEquals(reason, stage(report, name).reason().orElseThrow(), ReportText.render(report));
  }

  @Test
  void goodChain_bothStorageModes_passes() throws Exception {
    f.goodChain();
    CustodyReport report = verify();
    assertEquals(Verdict.PASS, report.verdict(), ReportText.render(report));
    assertEquals(f.digest(), report.digest());
    assertEquals(
        EvidenceStorage.COSIGN_ATT, stage(report, "build").accepted().get(0).evidence().storage());
    assertEquals(
        EvidenceStorage.REFERRER_BUNDLE,
        stage(report, "scan").accepted().get(0).evidence().storage());
    assertEquals(
        List.of("alice", "bob"),
        stage(report, "approve").accepted().stream()
            .map(a -> a.signer())
            .collect(Collectors.toList()));
    assertEquals(
        "\"https://ci.example.com/builder/v1\"",
        stage(report, "build").accepted().get(0).facts().get("/runDetails/builder/id"));
  }

  @Test
  void missingStage_scanNeverAttested_noEvidence() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.NO_EVIDENCE);
    assertEquals("no attestation of type " + VULN + " found", stage(report, "scan").detail());
  }

  @Test
  void scanSignedByCi_signerNotTrustedForStage_untrustedSigner() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.ci, VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.UNTRUSTED_SIGNER);
    assertTrue(
        stage(report, "scan").detail().startsWith("signer ci is not trusted for stage scan"),
        stage(report, "scan").detail());
  }

  @Test
  void scanWithCriticals_conditionFailed() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.scanner, VULN, scan(2, "2026-11-21T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    assertOnlyFails(verify(), "scan", ReasonCode.CONDITION_FAILED);
  }

  @Test
  void scanEightDaysOld_tooOld() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-10T00:00:00Z"));
    f.attest(f.scanner, VULN, scan(0, "2026-11-18T09:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.TOO_OLD);
    assertTrue(
        stage(report, "scan").detail().contains("expected at most 7d"),
        stage(report, "scan").detail());
  }

  @Test
  void approvalBeforeScan_outOfOrder() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.scanner, VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-20T12:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    CustodyReport report = verify();
    assertOnlyFails(report, "approve", ReasonCode.THRESHOLD_NOT_MET);
    assertEquals(List.of(ReasonCode.OUT_OF_ORDER), rejected(stage(report, "approve")));
    assertEquals("alice", stage(report, "approve").rejected().get(0).signer().orElseThrow());
  }

  @Test
  void twoApprovalsBySameSigner_countedOnce() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.scanner, VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-23T00:00:00Z"), ReferrersMode.OCI_1_1);
    CustodyReport report = verify();
    assertOnlyFails(report, "approve", ReasonCode.THRESHOLD_NOT_MET);
    assertEquals("1 of 2 distinct approvers", stage(report, "approve").detail());
    assertEquals(List.of(ReasonCode.DUPLICATE_SIGNER), rejected(stage(report, "approve")));
  }

  @Test
  void attestationForAnotherDigest_subjectMismatch() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    // A genuine scan by the trusted scanner, but about another image, copied next to this one.
    Digest other = Digest.of(Bytes.utf8("another image"));
    Bytes statement = AttestFixtures.statement(other, VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.appendEnvelope(
        AttestFixtures.envelope(f.scanner, DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement), VULN);
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.SUBJECT_MISMATCH);
    assertTrue(
        stage(report, "scan").detail().contains(other.hex()), stage(report, "scan").detail());
    assertEquals("scanner", stage(report, "scan").rejected().get(0).signer().orElseThrow());
  }

  @Test
  void tamperedEnvelope_signatureInvalid() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    // Signed over a clean scan, then the payload is swapped for one with criticals.
    DsseEnvelope signed =
        AttestFixtures.envelope(
            f.scanner,
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            AttestFixtures.statement(f.digest(), VULN, scan(0, "2026-11-21T00:00:00Z")));
    DsseEnvelope tampered =
        new DsseEnvelope(
            signed.payloadType(),
            AttestFixtures.statement(f.digest(), VULN, scan(0, "2026-11-21T00:00:01Z")),
            signed.signatures());
    f.appendEnvelope(tampered, VULN);
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.SIGNATURE_INVALID);
    assertTrue(
        stage(report, "scan").detail().startsWith("the DSSE signature does not verify"),
        stage(report, "scan").detail());
  }

  @Test
  void foreignPayloadType_payloadTypeMismatch() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"));
    f.attest(f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"));
    Bytes statement = AttestFixtures.statement(f.digest(), VULN, scan(0, "2026-11-21T00:00:00Z"));
    f.appendEnvelope(AttestFixtures.envelope(f.scanner, "application/json", statement), VULN);
    CustodyReport report = verify();
    assertOnlyFails(report, "scan", ReasonCode.PAYLOAD_TYPE_MISMATCH);
    assertTrue(
        stage(report, "scan").detail().startsWith("payload type \"application/json\" is not"),
        stage(report, "scan").detail());
  }

  @Test
  void strangerScan_untrustedKey_reportedAndNotCounted() throws Exception {
    f.goodChain();
    f.attest(f.stranger, VULN, scan(0, "2026-11-25T00:00:00Z"));
    CustodyReport report = verify();
    assertEquals(Verdict.PASS, report.verdict(), ReportText.render(report));
    assertEquals(List.of(ReasonCode.SIGNATURE_INVALID), rejected(stage(report, "scan")));
  }

  @Test
  void garbageEnvelope_malformed() throws Exception {
    f.goodChain();
    f.appendEnvelope(Bytes.utf8("{\"payloadType\":1}"), VULN);
    CustodyReport report = verify();
    assertEquals(Verdict.PASS, report.verdict());
    assertEquals(List.of(ReasonCode.MALFORMED), rejected(stage(report, "scan")));
  }

  @Test
  void imageOutsideEveryScope_invalidInput() throws Exception {
    f.goodChain();
    CustodyPolicy registryOnly = f.policy().toBuilder().build();
    CustodyPolicy.Builder b =
        CustodyPolicy.builder()
            .name("other")
            .scope("registry.example.com/team/*")
            .policyDigest(registryOnly.policyDigest());
    registryOnly.signers().forEach(b::signer);
    registryOnly.stages().forEach(b::stage);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> f.custody.verifyCustody(f.image(), b.build()));
    assertEquals(
        "verify custody of "
            + f.image()
            + ": outside every scope of policy other (expected one of"
            + " registry.example.com/team/*)",
        e.getMessage());
  }

  @Test
  void acceptedAttestation_contentIsTheSignedPredicate() throws Exception {
    f.attest(f.ci, SLSA, provenance("2026-11-20T00:00:00Z"));
    CustodyReport report = verify();
    StageResult build = stage(report, "build");
    assertTrue(build.satisfied(), ReportText.render(report));
    assertEquals(provenance("2026-11-20T00:00:00Z"), build.accepted().get(0).evidence().content());
    assertEquals(f.digest(), build.accepted().get(0).evidence().subject());
  }
}
