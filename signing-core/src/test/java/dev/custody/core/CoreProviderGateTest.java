package dev.custody.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
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
import dev.custody.verify.SignatureOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate through the public facade: {@code Custody#gate} with a key runs signature verification.
 */
class CoreProviderGateTest {
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
                + reference
                + " ("
                + manifest
                + "); sign it first (custody sign)"),
        only.reasons());
    assertEquals(2, only.locations().size());
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void gateWithPolicy_notWiredYet_unsupported() throws Exception {
    Path deploy =
        Files.writeString(
            tmp.resolve("deploy.yaml"), "kind: Pod\nspec: {containers: [{image: nginx}]}\n");
    CustodyPolicy policy =
        CustodyPolicy.builder()
            .name("prod")
            .scope("*")
            .signer(RELEASE)
            .stage(
                Stage.builder("release-signature")
                    .signature(Optional.empty())
                    .signers(List.of("release"))
                    .build())
            .policyDigest(Digest.of(Bytes.utf8("policy")))
            .build();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new CoreProvider()
                    .gate(
                        GateRequest.builder().file(deploy).policy(policy).build(),
                        GateOptions.defaults(),
                        dev.custody.store.StoreOptions.defaults()));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(
        e.getMessage()
            .startsWith("gate with policy prod: custody policy evaluation is not available"),
        e.getMessage());
  }
}
