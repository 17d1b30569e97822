package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static dev.custody.core.internal.attach.attest.AttestFixtures.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.attest.AttestationOutcome;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.oci.Digest;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReportFormat;
import dev.custody.policy.Stage;
import dev.custody.sign.Signer;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 "several signatures per envelope": one DSSE envelope signed independently by several
 * keys (FORMATS.md §6.4) is evidence from each trusted key that signed it, so one envelope can
 * satisfy a 2-of-3 approval; an untrusted co-signature neither counts nor spoils the others.
 */
class MultiSignatureEnvelopeTest {
  @TempDir Path temp;

  @Test
  void approvalEnvelope_signedByAliceBobAndAStranger_countsAliceAndBob() throws Exception {
    AttestFixtures f = new AttestFixtures(temp);
    Bytes statement =
        AttestFixtures.statement(
            f.digest(), APPROVAL, approval("release board", "2026-11-22T00:00:00Z"));
    List<DsseSignature> signatures = new ArrayList<>();
    for (Signer s : List.of(f.stranger, f.alice, f.bob)) {
      signatures.add(
          DsseSignature.of(s.sign(Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement))));
    }
    f.appendEnvelope(
        new DsseEnvelope(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, signatures), APPROVAL);
    CustodyPolicy policy =
        CustodyPolicy.builder()
            .name("board")
            .scope("oci:*")
            .signer(trusted("alice", f.alice))
            .signer(trusted("bob", f.bob))
            .signer(trusted("carol", f.carol))
            .policyDigest(Digest.of(Bytes.utf8("board")))
            .stage(
                Stage.builder("approve")
                    .attestation(APPROVAL)
                    .signers(List.of("alice", "bob", "carol"))
                    .threshold(2)
                    .build())
            .build();

    AttestationReport report =
        f.custody.verifyAttestations(
            f.image(), VerifyOptions.builder().signers(policy.signers()).build(), APPROVAL);
    CustodyReport custody = f.custody.verifyCustody(f.image(), policy);

    assertEquals(AttestationOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(
        List.of(
            trusted("alice", f.alice).keyFingerprint(), trusted("bob", f.bob).keyFingerprint()),
        report.examined().stream()
            .map(Evidence::verifiedBy)
            .map(v -> v.orElseThrow().keyFingerprint())
            .collect(Collectors.toList()));
    assertTrue(custody.passed(), f.custody.render(custody, ReportFormat.TEXT));
    assertEquals(
        List.of("alice", "bob"),
        custody.stages().get(0).accepted().stream()
            .map(a -> a.signer())
            .sorted()
            .collect(Collectors.toList()));
  }
}
