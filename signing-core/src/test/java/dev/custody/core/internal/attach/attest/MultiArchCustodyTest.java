package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.CLOCK;
import static dev.custody.core.internal.attach.attest.AttestFixtures.NOW;
import static dev.custody.core.internal.attach.attest.AttestFixtures.trusted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.core.internal.policy.ReportText;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.Stage;
import dev.custody.policy.Verdict;
import dev.custody.sign.Signer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custody policy on a two-platform index, end to end through the public API: {@code platforms:
 * index} looks at the index alone, {@code all} needs every platform manifest to satisfy every stage
 * (naming the ones that do not), and a recursive attestation satisfies both.
 */
class MultiArchCustodyTest {
  @TempDir Path tmp;

  private final Custody custody = Custody.builder().clock(CLOCK).build();
  private final Signer alice = AttestFixtures.newSigner();
  private TestImages.Index index;
  private ImageReference image;

  @BeforeEach
  void layout() {
    index = TestImages.index("multi-arch-custody");
    image = ImageReference.parse("oci:" + TestImages.writeLayout(tmp.resolve("layout"), "v1", index) + ":v1");
  }

  private CustodyPolicy policy(PlatformMode mode) {
    return CustodyPolicy.builder()
        .name("multi-arch")
        .scope("oci:*")
        .signer(trusted("alice", alice))
        .platforms(mode)
        .policyDigest(Digest.of(Bytes.utf8("multi-arch")))
        .stage(Stage.builder("approve").attestation(APPROVAL).signers(List.of("alice")).build())
        .build();
  }

  private void approve(boolean recursive) throws Exception {
    Bytes approval =
        Bytes.utf8("{\"approver\":\"alice\",\"approvedAt\":\"" + NOW.minusSeconds(60) + "\"}");
    custody.attest(
        image, alice, "approval", approval, AttestOptions.builder().recursive(recursive).build());
  }

  @Test
  void indexOnlyAttested_policyIndex_passes() throws Exception {
    approve(false);

    CustodyReport report = custody.verifyCustody(image, policy(PlatformMode.INDEX));

    assertEquals(Verdict.PASS, report.verdict(), ReportText.render(report));
    assertEquals(index.digest(), report.digest());
  }

  @Test
  void indexOnlyAttested_policyAll_failsNamingEveryPlatform() throws Exception {
    approve(false);

    CustodyReport report = custody.verifyCustody(image, policy(PlatformMode.ALL));

    assertEquals(Verdict.FAIL, report.verdict(), ReportText.render(report));
    assertEquals(ReasonCode.PLATFORM_UNSATISFIED, report.stages().get(0).reason().orElseThrow());
    for (TestImages.Image child : index.images()) {
      assertTrue(
          report.stages().get(0).detail().contains(child.platform().toString()),
          report.stages().get(0).detail());
    }
  }

  @Test
  void recursivelyAttested_policyBoth_passesWithEveryPlatformReported() throws Exception {
    approve(true);

    CustodyReport report = custody.verifyCustody(image, policy(PlatformMode.BOTH));

    assertEquals(Verdict.PASS, report.verdict(), ReportText.render(report));
    assertEquals(index.images().size(), report.platforms().size());
    assertTrue(report.platforms().stream().allMatch(p -> p.verdict() == Verdict.PASS));
  }
}
