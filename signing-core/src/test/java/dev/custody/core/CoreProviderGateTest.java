package dev.custody.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.attest.AttestOptions;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.formats.intoto.ApprovalPredicate;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.TestImages;
import dev.custody.gate.GateImage;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.gate.GateVerdict;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.Signer;
import dev.custody.verify.SignatureOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate through the public facade: {@code Custody#gate} with a key runs signature verification.
 */
class CoreProviderGateTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final TrustedSigner RELEASE =
      TrustedSigner.publicKey("release", Bytes.utf8("not a real key"));

  @TempDir Path tmp;

  @Test
  void gateWithKey_unsignedLayoutImage_failsWithTheResolvedDigestAndSignatureReport()
      throws Exception {
    TestImages.Image image = TestImages.image("gate");
    Path layout = TestImages.writeLayout(tmp.resolve("layout"), "v1", image);
    String reference = TestImages.layoutReference(layout, "v1");
    Path deploy =
        Files.writeString(
            tmp.resolve("deploy.yaml"),
            "kind: Pod\nspec:\n  containers:\n  - name: app\n    image: "
                + reference
                + "\n"
                + "  - name: again\n    image: '"
                + reference
                + "'\n");

    GateReport report =
        Custody.builder()
            .build()
            .gate(
                GateRequest.builder().file(deploy).signer(RELEASE).build(),
                GateOptions.builder().pin(true).build());

    assertFalse(report.passed());
    GateImage only = report.images().get(0);
    assertEquals(1, report.images().size());
    assertEquals(ImageReference.parse(reference), only.reference());
    assertEquals(GateVerdict.FAIL, only.verdict());
    Digest manifest = image.manifest().digest();
    assertEquals(Optional.of(manifest), only.digest());
    assertEquals(SignatureOutcome.NO_SIGNATURES, only.signatureReport().orElseThrow().outcome());
    assertEquals(
        List.of(
            "no signatures found for "
                + ImageReference.parse(reference).pinned(manifest)
                + " ("
                + manifest
                + "); sign it first (custody sign)"),
        only.reasons());
    assertEquals(2, only.locations().size());
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void gateWithPolicy_approvedImagePassesUnapprovedFails_pinsOnlyWhenAllPass() throws Exception {
    Signer alice = KeyGenerators.generate(KeyType.EC_P256, new SecureRandom()).signer();
    Path approvedLayout =
        TestImages.writeLayout(tmp.resolve("approved"), "v1", TestImages.image("approved"));
    Path pendingLayout =
        TestImages.writeLayout(tmp.resolve("pending"), "v1", TestImages.image("pending"));
    String approved = TestImages.layoutReference(approvedLayout, "v1");
    String pending = TestImages.layoutReference(pendingLayout, "v1");
    Custody custody = Custody.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    custody.attest(
        ImageReference.parse(approved),
        alice,
        "approval",
        Json.write(ApprovalPredicate.of("alice", NOW.minusSeconds(3600)).toJson()),
        AttestOptions.defaults());
    CustodyPolicy policy =
        CustodyPolicy.builder()
            .name("prod")
            .scope("oci:*")
            .signer(TrustedSigner.publicKey("alice", alice.publicKey().spki()))
            .stage(
                Stage.builder("approve")
                    .attestation("https://custody.dev/attestation/approval/v1")
                    .signers(List.of("alice"))
                    .build())
            .policyDigest(Digest.of(Bytes.utf8("policy")))
            .build();
    String yaml =
        "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
            + "      - name: app\n        image: '"
            + approved
            + "'\n";
    Path deploy = Files.writeString(tmp.resolve("deploy.yaml"), yaml);
    Path both =
        Files.writeString(
            tmp.resolve("both.yaml"),
            yaml + "      - name: next\n        image: '" + pending + "'\n");
    Path out = tmp.resolve("pinned.yaml");
    GateOptions pin = GateOptions.builder().pin(true).output(out).build();

    GateReport failed = custody.gate(GateRequest.builder().file(both).policy(policy).build(), pin);
    assertFalse(failed.passed());
    assertEquals(
        List.of(ImageReference.parse(pending)),
        failed.failures().stream().map(GateImage::reference).collect(Collectors.toList()));
    GateImage unapproved = failed.failures().get(0);
    assertEquals(
        List.of(
            "stage approve: NO_EVIDENCE (no attestation of type"
                + " https://custody.dev/attestation/approval/v1 found)"),
        unapproved.reasons());
    assertEquals("spec.template.spec.containers[1].image", unapproved.locations().get(0).path());
    assertTrue(unapproved.custodyReport().isPresent());
    assertFalse(Files.exists(out));

    GateReport passed =
        custody.gate(GateRequest.builder().file(deploy).policy(policy).build(), pin);
    assertTrue(passed.passed());
    Digest digest = custody.resolve(ImageReference.parse(approved)).digest();
    assertEquals(Optional.of(digest), passed.images().get(0).digest());
    assertEquals(
        yaml.replace(approved, "oci:" + approvedLayout + "@" + digest), Files.readString(out));
  }

  @Test
  void gateWithPolicy_imageOutsideScopes_errorNotPass() throws Exception {
    Path layout = TestImages.writeLayout(tmp.resolve("layout"), "v1", TestImages.image("x"));
    Path deploy =
        Files.writeString(
            tmp.resolve("deploy.yaml"),
            "kind: Pod\nspec: {containers: [{image: '"
                + TestImages.layoutReference(layout, "v1")
                + "'}]}\n");
    CustodyPolicy policy =
        CustodyPolicy.builder()
            .name("prod")
            .scope("registry.example.com/*")
            .signer(RELEASE)
            .stage(
                Stage.builder("approve")
                    .attestation("https://custody.dev/attestation/approval/v1")
                    .signers(List.of("release"))
                    .build())
            .policyDigest(Digest.of(Bytes.utf8("policy")))
            .build();
    GateReport report =
        Custody.builder()
            .build()
            .gate(
                GateRequest.builder().file(deploy).policy(policy).build(), GateOptions.defaults());
    assertFalse(report.passed());
    assertEquals(GateVerdict.ERROR, report.images().get(0).verdict());
    assertEquals(Optional.of(Reason.INVALID_INPUT), report.images().get(0).error());
    assertTrue(
        report.images().get(0).reasons().get(0).contains("scope"),
        report.images().get(0).reasons().toString());
  }
}
