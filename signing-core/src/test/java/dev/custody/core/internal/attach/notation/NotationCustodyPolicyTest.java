package dev.custody.core.internal.attach.notation;

import static dev.custody.core.internal.attach.notation.NotationTestSupport.certificate;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.notary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custody policy's signature stage with a certificate signer (POLICY.md "release-signature") is
 * satisfied by a Notary signature whose chain leads to the signer's root and whose subject matches,
 * and by nothing else.
 */
class NotationCustodyPolicyTest {
  @TempDir Path temp;

  private final Custody custody = Custody.builder().build();
  private ImageReference image;
  private TestCertificate release;
  private CustodyPolicy policy;

  @BeforeEach
  void setUp() throws Exception {
    Path layout = TestImages.writeLayout(temp.resolve("layout"), "v1", TestImages.image("policy"));
    image = ImageReference.parse("oci:" + layout + ":v1");
    release = certificate("Release Signing");
    Files.createDirectories(temp.resolve("certs"));
    Files.writeString(temp.resolve("certs/release.pem"), Certificates.pem(release.certificate()));
    String subject = release.certificate().getSubjectX500Principal().getName();
    Path file = temp.resolve("policy.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: custody/v1",
            "kind: CustodyPolicy",
            "name: notation-release",
            "scopes: [\"oci:*\"]",
            "signers:",
            "  release: { certificateRoots: certs/release.pem, subject: \""
                + subject.replace("CN=Release Signing", "CN=*")
                + "\" }",
            "stages:",
            "  - name: release-signature",
            "    signature: { format: notation }",
            "    signers: [release]",
            ""));
    policy = custody.readPolicy(file);
  }

  @Test
  void notarySignatureByReleaseCertificate_stageSatisfied() throws Exception {
    custody.sign(image, release.signer(), notary(release));

    CustodyReport report = custody.verifyCustody(image, policy);

    assertTrue(report.passed(), () -> report.toString());
    StageResult stage = report.stages().get(0);
    assertEquals(1, stage.accepted().size());
    assertTrue(stage.satisfiedAt().isPresent(), "the Notary signing time is the signed time");
  }

  @Test
  void notarySignatureByAnotherCertificate_stageNotSatisfied() throws Exception {
    TestCertificate other = certificate("Release Signing");
    custody.sign(image, other.signer(), notary(other));

    CustodyReport report = custody.verifyCustody(image, policy);

    assertFalse(report.passed());
    StageResult stage = report.stages().get(0);
    assertTrue(stage.accepted().isEmpty());
    assertFalse(stage.rejected().isEmpty(), () -> report.toString());
  }
}
