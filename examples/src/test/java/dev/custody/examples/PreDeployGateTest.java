package dev.custody.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-deploy gate on real images in layouts, with the one-stage "built by ci" policy. */
class PreDeployGateTest {
  @TempDir Path dir;
  ExampleFixtures f;
  CustodyPolicy policy;
  ImageReference built;

  @BeforeEach
  void setUp() throws Exception {
    f = new ExampleFixtures(dir);
    policy = f.builtByCiPolicy();
    built = f.image("built");
    f.attestBuilt(built, f.ci);
  }

  private String[] run(List<ImageReference> images, int expectedCode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        new PreDeployGate(f.custody, policy)
            .check(images, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, out);
    return out.split("\n");
  }

  @Test
  void everyImageBuilt_exit0_printsPinnedDigests() throws Exception {
    String digest = f.custody.resolve(built).digest().toString();

    String[] lines = run(List.of(built, built), PreDeployGate.PASSED);

    assertEquals(1, lines.length, String.join("\n", lines));
    assertEquals("PASS " + built.context() + "@" + digest, lines[0]);
  }

  @Test
  void oneImageUnattested_exit1_namesItsStageAndReason() throws Exception {
    ImageReference unsigned = f.image("unsigned");

    String[] lines = run(List.of(built, unsigned), PreDeployGate.FAILED);

    assertEquals("FAIL " + unsigned + " (" + f.custody.resolve(unsigned).digest() + "): policy built-by-ci", lines[1]);
    assertEquals(
        "  stage build: NO_EVIDENCE no attestation of type https://slsa.dev/provenance/v1 found",
        lines[2]);
  }

  @Test
  void provenanceFromAnotherBuilder_exit1_conditionFailedRejection() throws Exception {
    ImageReference other = f.image("other");
    BuildToolSigning.BuildInfo b = ExampleFixtures.build();
    BuildToolSigning.BuildInfo elsewhere =
        new BuildToolSigning.BuildInfo(
            "https://laptop.example.com", b.repository(), b.ref(), b.commit(), b.invocationId(),
            b.startedOn(), b.finishedOn());
    f.custody.attest(
        other, f.ci, "slsaprovenance1",
        dev.custody.Bytes.utf8(BuildToolSigning.provenance(elsewhere, other)),
        dev.custody.attest.AttestOptions.defaults());

    String[] lines = run(List.of(other), PreDeployGate.FAILED);

    String why =
        "CONDITION_FAILED /runDetails/builder/id is \"https://laptop.example.com\""
            + " (expected equals \"" + ExampleFixtures.BUILDER + "\")";
    assertEquals("  stage build: " + why, lines[1], String.join("\n", lines));
    assertEquals("    rejected ci: " + why, lines[2]);
  }

  @Test
  void imageMissing_exit1_cannotEvaluate() throws Exception {
    ImageReference missing = built.withTag("v2");

    String[] lines = run(List.of(missing), PreDeployGate.FAILED);

    assertEquals(true, lines[0].startsWith("FAIL " + missing + ": cannot evaluate custody: "), lines[0]);
  }
}
