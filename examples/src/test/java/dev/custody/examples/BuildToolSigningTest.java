package dev.custody.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.attest.AttestationReport;
import dev.custody.attest.PredicateTypes;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyRef;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-tool embedding: sign and attest after a push, by digest, then verify both. */
class BuildToolSigningTest {
  @TempDir Path dir;

  @Test
  void afterPush_signsAndAttestsTheResolvedDigest_bothVerify() throws Exception {
    ExampleFixtures f = new ExampleFixtures(dir);
    ImageReference pushed = f.image("app");
    Digest digest = f.custody.resolve(pushed).digest();

    BuildToolSigning.Published published =
        Signing.assumeSupported(
            () -> new BuildToolSigning(f.custody).afterPush(pushed, f.ci, ExampleFixtures.build()));

    assertEquals(pushed.withDigest(digest), published.image());
    assertEquals(digest, published.signature().resolved().digest());
    assertEquals(digest, published.provenance().resolved().digest());
    TrustedSigner ci = f.custody.trustedKey("ci", KeyRef.parse(dir.resolve("keys/ci.pub").toString()));
    VerifyOptions trustCi = VerifyOptions.builder().signers(List.of(ci)).build();
    SignatureReport signatures = f.custody.verify(pushed, trustCi);
    AttestationReport provenance =
        f.custody.verifyAttestations(pushed, trustCi, PredicateTypes.SLSA_PROVENANCE_V1);
    assertTrue(signatures.passed(), signatures.toString());
    assertTrue(provenance.passed(), provenance.toString());
  }

  @Test
  void provenance_builtAsText_quotesHostileValues() {
    BuildToolSigning.BuildInfo b = ExampleFixtures.build();
    BuildToolSigning.BuildInfo hostile =
        new BuildToolSigning.BuildInfo(
            b.builderId(), b.repository(), "refs/heads/\"x\"\n\\", b.commit(), b.invocationId(),
            b.startedOn(), b.finishedOn());

    String json = BuildToolSigning.provenance(hostile, ImageReference.parse("oci:/tmp/l:v1"));

    assertTrue(json.contains("\"ref\":\"refs/heads/\\\"x\\\"\\n\\\\\""), json);
  }

  @Test
  void provenance_acceptedByCustody_withItsBuilderAndTime() throws Exception {
    ExampleFixtures f = new ExampleFixtures(dir);
    ImageReference image = f.image("attest-only");

    f.attestBuilt(image, f.ci);

    TrustedSigner ci = f.custody.trustedKey("ci", KeyRef.parse(dir.resolve("keys/ci.pub").toString()));
    AttestationReport report =
        f.custody.verifyAttestations(
            image, VerifyOptions.builder().signers(List.of(ci)).build(), "slsaprovenance1");
    assertTrue(report.passed(), report.toString());
    assertTrue(f.custody.verifyCustody(image, f.builtByCiPolicy()).passed());
  }
}
