package dev.custody.core.internal.policy;

import static dev.custody.core.internal.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.oci.Platform;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.StageResult;
import dev.custody.policy.TrustedSigner;
import dev.custody.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CustodyEngineTest {
  private final ChainScenario s = new ChainScenario();

  private CustodyReport run(List<Evidence> evidence) {
    return run(evidence, s.policy());
  }

  private CustodyReport run(List<Evidence> evidence, CustodyPolicy policy) {
    return CustodyEngine.evaluate(evidence, policy, ChainScenario.NOW, "myacr.azurecr.io/payments/api:1.4", IMAGE);
  }

  private static StageResult stage(CustodyReport r, String name) {
    return r.stages().stream().filter(st -> st.name().equals(name)).findFirst().orElseThrow();
  }

  private static RejectedCandidate onlyRejected(StageResult st) {
    assertEquals(1, st.rejected().size(), () -> "rejected: " + st.rejected());
    return st.rejected().get(0);
  }

  @Test
  void goodChain_everyStageSatisfied_passes() {
    CustodyReport r = run(s.goodChain());
    assertEquals(Verdict.PASS, r.verdict(), () -> ReportText.render(r));
    assertEquals(List.of("build", "scan", "approve", "release-signature"),
        r.stages().stream().map(StageResult::name).collect(java.util.stream.Collectors.toList()));
    assertEquals(List.of("alice", "bob"),
        stage(r, "approve").accepted().stream().map(a -> a.signer()).collect(java.util.stream.Collectors.toList()));
    assertEquals(Optional.of(Instant.parse("2026-11-23T00:00:00Z")), stage(r, "approve").satisfiedAt());
    assertEquals("\"" + ChainScenario.BUILDER + "\"", stage(r, "build").accepted().get(0).facts().get("/runDetails/builder/id"));
    assertTrue(r.unmatched().isEmpty());
  }

  @Test
  void approve_secondApprovalBySameSignerAndATamperedOne_thresholdNotMetOneOfTwo() {
    // The POLICY.md report example: alice twice and an envelope that does not verify.
    List<Evidence> evidence = s.goodChain();
    evidence.set(3, s.approvalBy(s.alice, "2026-11-22T12:00:00Z"));
    evidence.add(failedAttestation(APPROVAL, ReasonCode.SIGNATURE_INVALID, "tampered"));
    CustodyReport r = run(evidence);
    StageResult approve = stage(r, "approve");
    assertEquals(Verdict.FAIL, r.verdict());
    assertFalse(approve.satisfied());
    assertEquals(Optional.of(ReasonCode.THRESHOLD_NOT_MET), approve.reason());
    assertEquals("1 of 2 distinct approvers", approve.detail());
    assertEquals(1, approve.accepted().size());
    assertEquals("alice", approve.accepted().get(0).signer());
    assertEquals(Optional.of(Instant.parse("2026-11-22T00:00:00Z")), approve.accepted().get(0).evidence().signedTime());
    RejectedCandidate duplicate = approve.rejected().stream()
        .filter(c -> c.reason() == ReasonCode.DUPLICATE_SIGNER).findFirst().orElseThrow();
    assertEquals(Optional.of("alice"), duplicate.signer());
    assertEquals("second approval by alice counted once", duplicate.detail());
    RejectedCandidate invalid = approve.rejected().stream()
        .filter(c -> c.reason() == ReasonCode.SIGNATURE_INVALID).findFirst().orElseThrow();
    assertEquals(Optional.empty(), invalid.signer());
  }

  @Test
  void twoNamesForOneKey_countAsOneSigner_thresholdNotMet() {
    TrustedSigner aliceAgain = TrustedSigner.publicKey("alice-laptop", s.alice.publicKey().get());
    CustodyPolicy policy = s.policyBuilder().signer(aliceAgain).build();
    CustodyPolicy widened = policy.toBuilder().build();
    List<dev.custody.policy.Stage> stages = new ArrayList<>(widened.stages());
    stages.set(2, stages.get(2).toBuilder().signers(List.of("alice", "alice-laptop", "bob")).build());
    CustodyPolicy.Builder b = CustodyPolicy.builder().name("p").scope("a.io/b").policyDigest(policy.policyDigest());
    policy.signers().forEach(b::signer);
    stages.forEach(b::stage);
    List<Evidence> evidence = s.replacing(3, s.approvalBy(s.alice, "2026-11-22T06:00:00Z"));
    StageResult approve = stage(run(evidence, b.build()), "approve");
    assertEquals("1 of 2 distinct approvers", approve.detail());
    assertEquals(ReasonCode.DUPLICATE_SIGNER, onlyRejected(approve).reason());
  }

  @Test
  void noScanAtAll_noEvidence() {
    List<Evidence> evidence = s.goodChain();
    evidence.remove(1);
    StageResult scan = stage(run(evidence), "scan");
    assertEquals(Optional.of(ReasonCode.NO_EVIDENCE), scan.reason());
    assertEquals("no attestation of type " + VULN + " found", scan.detail());
  }

  @Test
  void scanSignedByCi_untrustedSigner() {
    Evidence e = attestation(VULN, s.ci, scan(0, "2026-11-21T00:00:00Z"), "scan by ci");
    StageResult scan = stage(run(s.replacing(1, e)), "scan");
    RejectedCandidate c = onlyRejected(scan);
    assertEquals(ReasonCode.UNTRUSTED_SIGNER, c.reason());
    assertEquals(Optional.of("ci"), c.signer());
    assertEquals("signer ci is not trusted for stage scan (expected one of scanner)", c.detail());
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), scan.reason());
  }

  @Test
  void scanByUnknownKey_untrustedSignerWithoutName() {
    Evidence e = attestation(VULN, s.stranger, scan(0, "2026-11-21T00:00:00Z"), "scan by stranger");
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(1, e)), "scan"));
    assertEquals(ReasonCode.UNTRUSTED_SIGNER, c.reason());
    assertEquals(Optional.empty(), c.signer());
  }

  @Test
  void criticalVulnerabilities_conditionFailed() {
    Evidence e = attestation(VULN, s.scanner, scan(3, "2026-11-21T00:00:00Z"), "bad scan");
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(1, e)), "scan"));
    assertEquals(ReasonCode.CONDITION_FAILED, c.reason());
    assertEquals("/scanner/result/summary/critical is 3 (expected atMost 0)", c.detail());
  }

  @Test
  void buildFromFeatureBranch_conditionFailed() {
    Evidence e = attestation(SLSA, s.ci, provenance(ChainScenario.BUILDER, "refs/heads/feature", "2026-11-20T00:00:00Z"), "b");
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(0, e)), "build"));
    assertEquals(ReasonCode.CONDITION_FAILED, c.reason());
    assertTrue(c.detail().startsWith("/buildDefinition/externalParameters/ref is \"refs/heads/feature\""), c.detail());
  }

  @Test
  void staleScan_tooOld() {
    Evidence e = attestation(VULN, s.scanner, scan(0, "2026-11-18T09:00:00Z"), "old scan");
    List<Evidence> evidence = s.replacing(1, e);
    evidence.set(0, attestation(SLSA, s.ci, provenance(ChainScenario.BUILDER, "refs/heads/main", "2026-11-17T00:00:00Z"), "b"));
    RejectedCandidate c = onlyRejected(stage(run(evidence), "scan"));
    assertEquals(ReasonCode.TOO_OLD, c.reason());
    assertEquals("signed 2026-11-18T09:00:00Z, 8d 1h before evaluation (expected at most 7d)", c.detail());
  }

  @Test
  void approvalBeforeScan_outOfOrderAndOneOfTwo() {
    List<Evidence> evidence = s.replacing(2, s.approvalBy(s.alice, "2026-11-20T12:00:00Z"));
    StageResult approve = stage(run(evidence), "approve");
    RejectedCandidate c = onlyRejected(approve);
    assertEquals(ReasonCode.OUT_OF_ORDER, c.reason());
    assertEquals("signed 2026-11-20T12:00:00Z, before stage scan was satisfied at 2026-11-21T00:00:00Z", c.detail());
    assertEquals(Optional.of(ReasonCode.THRESHOLD_NOT_MET), approve.reason());
    assertEquals("1 of 2 distinct approvers", approve.detail());
  }

  @Test
  void releaseSignedBeforeApprovals_outOfOrder() {
    Evidence e = cosign(s.release, Optional.of(Instant.parse("2026-11-22T18:00:00Z")), "early release");
    StageResult release = stage(run(s.replacing(4, e)), "release-signature");
    assertEquals(Optional.of(ReasonCode.OUT_OF_ORDER), release.reason());
    assertEquals("signed 2026-11-22T18:00:00Z, before stage approve was satisfied at 2026-11-23T00:00:00Z",
        release.detail());
  }

  @Test
  void releaseSignatureWithoutTimestamp_noSignedTime() {
    Evidence e = cosign(s.release, Optional.empty(), "release without time");
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(4, e)), "release-signature"));
    assertEquals(ReasonCode.NO_SIGNED_TIME, c.reason());
    assertEquals("must not predate stage approve (2026-11-23T00:00:00Z) and carries no signed time", c.detail());
  }

  @Test
  void scanSignedBeforeScannerValidity_outsideSignerValidity() {
    List<Evidence> evidence = s.goodChain();
    evidence.set(0, attestation(SLSA, s.ci, provenance(ChainScenario.BUILDER, "refs/heads/main", "2025-12-01T00:00:00Z"), "b"));
    evidence.set(1, attestation(VULN, s.scanner, scan(0, "2025-12-30T00:00:00Z"), "early scan"));
    RejectedCandidate c = onlyRejected(stage(run(evidence), "scan"));
    assertEquals(ReasonCode.OUTSIDE_SIGNER_VALIDITY, c.reason());
    assertTrue(c.detail().startsWith("signed 2025-12-30T00:00:00Z, outside the validity of signer scanner"), c.detail());
  }

  @Test
  void attestationForAnotherDigest_subjectMismatch() {
    Evidence e = VerifiedEvidence.attestation(SLSA, identity(s.ci), OTHER, EvidenceStorage.COSIGN_ATT, ref("x"),
        provenance(ChainScenario.BUILDER, "refs/heads/main", "2026-11-20T00:00:00Z"));
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(0, e)), "build"));
    assertEquals(ReasonCode.SUBJECT_MISMATCH, c.reason());
    assertEquals(Optional.of("ci"), c.signer());
  }

  @ParameterizedTest
  @EnumSource(value = ReasonCode.class, names = {"SIGNATURE_INVALID", "MALFORMED", "UNSUPPORTED_ALGORITHM",
      "PAYLOAD_TYPE_MISMATCH", "SUBJECT_MISMATCH", "EXPIRED", "LIMIT_EXCEEDED", "UNTRUSTED_SIGNER"})
  void pipelineFailure_listedWithItsReason(ReasonCode reason) {
    List<Evidence> evidence = s.goodChain();
    evidence.remove(0);
    evidence.add(failedAttestation(SLSA, reason, "broken"));
    StageResult build = stage(run(evidence), "build");
    assertEquals(reason, onlyRejected(build).reason());
    assertEquals("envelope " + reason, onlyRejected(build).detail());
    assertEquals(Optional.of(reason), build.reason());
  }

  @Test
  void approvalWithoutApprovedAt_malformed() {
    Evidence e = attestation(APPROVAL, s.alice, Bytes.utf8("{\"approver\":\"alice\"}"), "no time");
    assertEquals(Optional.of(ReasonCode.MALFORMED), e.failure());
    StageResult approve = stage(run(s.replacing(2, e)), "approve");
    assertTrue(approve.rejected().stream().anyMatch(c -> c.reason() == ReasonCode.MALFORMED
        && c.detail().contains("approvedAt is required")));
  }

  @Test
  void hugeValueForRegex_limitExceeded() {
    String huge = "refs/heads/main" + "x".repeat(ConditionCheck.MAX_MATCHED_LENGTH);
    Evidence e = attestation(SLSA, s.ci, provenance(ChainScenario.BUILDER, huge, "2026-11-20T00:00:00Z"), "huge");
    RejectedCandidate c = onlyRejected(stage(run(s.replacing(0, e)), "build"));
    assertEquals(ReasonCode.LIMIT_EXCEEDED, c.reason());
  }

  @Test
  void expiredNotationSignature_expiredListed() {
    Evidence e = VerifiedEvidence.failed(EvidenceKind.SIGNATURE, Optional.of(SignatureFormat.NOTATION), Optional.empty(),
        Optional.of(identity(s.release)), IMAGE, EvidenceStorage.NOTATION, ref("n"), ReasonCode.EXPIRED,
        "signature expired at 2026-11-01T00:00:00Z");
    StageResult release = stage(run(s.replacing(4, e)), "release-signature");
    assertEquals(ReasonCode.EXPIRED, onlyRejected(release).reason());
    assertEquals(Optional.of("release"), onlyRejected(release).signer());
  }

  @Test
  void mixedRejections_thresholdNotMetZeroOfOne() {
    List<Evidence> evidence = s.goodChain();
    evidence.set(1, attestation(VULN, s.scanner, scan(2, "2026-11-21T00:00:00Z"), "bad"));
    evidence.add(attestation(VULN, s.ci, scan(0, "2026-11-21T00:00:00Z"), "ci scan"));
    StageResult scan = stage(run(evidence), "scan");
    assertEquals(Optional.of(ReasonCode.THRESHOLD_NOT_MET), scan.reason());
    assertEquals("0 of 1 distinct signers", scan.detail());
  }

  @Test
  void indexWithOnePlatformUnsigned_platformUnsatisfied() {
    CustodyPolicy policy = s.policyBuilder().platforms(PlatformMode.ALL).build();
    PlatformEvidence amd = new PlatformEvidence(Platform.of("linux", "amd64"), IMAGE, s.goodChain());
    List<Evidence> noRelease = s.goodChain();
    noRelease.remove(4);
    PlatformEvidence arm = new PlatformEvidence(Platform.parse("linux/arm64/v8"), IMAGE, noRelease);
    CustodyReport r = CustodyEngine.evaluateIndex(List.of(), List.of(amd, arm), policy, ChainScenario.NOW, "img", OTHER);
    assertEquals(Verdict.FAIL, r.verdict());
    StageResult release = stage(r, "release-signature");
    assertEquals(Optional.of(ReasonCode.PLATFORM_UNSATISFIED), release.reason());
    assertEquals("unsatisfied for linux/arm64/v8 (NO_EVIDENCE)", release.detail());
    assertTrue(stage(r, "build").satisfied());
    assertEquals(List.of(Verdict.PASS, Verdict.FAIL),
        List.of(r.platforms().get(0).verdict(), r.platforms().get(1).verdict()));
  }

  @Test
  void indexModeBoth_indexSatisfiedButPlatformNot_platformUnsatisfied() {
    CustodyPolicy policy = s.policyBuilder().platforms(PlatformMode.BOTH).build();
    PlatformEvidence arm = new PlatformEvidence(Platform.of("linux", "arm64"), IMAGE, List.of());
    CustodyReport r = CustodyEngine.evaluateIndex(s.goodChain(), List.of(arm), policy, ChainScenario.NOW, "img", IMAGE);
    StageResult build = stage(r, "build");
    assertEquals(Optional.of(ReasonCode.PLATFORM_UNSATISFIED), build.reason());
    assertEquals(1, build.accepted().size());
  }

  @Test
  void indexModeIndex_onlyIndexEvidenceCounts_passes() {
    CustodyReport r = CustodyEngine.evaluateIndex(s.goodChain(), List.of(
        new PlatformEvidence(Platform.of("linux", "arm64"), OTHER, List.of())), s.policy(), ChainScenario.NOW, "img", IMAGE);
    assertEquals(Verdict.PASS, r.verdict());
    assertTrue(r.platforms().isEmpty());
  }

  @Test
  void sbomAttestation_listedAsUnmatched() {
    List<Evidence> evidence = s.goodChain();
    evidence.add(attestation("https://spdx.dev/Document", s.ci, Bytes.utf8("{}"), "sbom"));
    CustodyReport r = run(evidence);
    assertEquals(Verdict.PASS, r.verdict());
    assertEquals(1, r.unmatched().size());
  }
}
