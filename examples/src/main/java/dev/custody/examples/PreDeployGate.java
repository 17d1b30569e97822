package dev.custody.examples;

import static java.util.Objects.requireNonNull;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A pre-deploy gate in Java: evaluate a custody policy for every image a deployment is about to
 * run, print what failed and why, and return a non-zero code unless every image passed. A
 * pipeline step without an admission controller (Azure Container Instances, a VM) runs this right
 * before deploying, and deploys the digests it prints, not the tags it was given.
 *
 * <pre>{@code
 * CustodyPolicy policy = custody.readPolicy(Path.of("policy.yaml"));
 * int code = new PreDeployGate(custody, policy).check(images, System.out);
 * }</pre>
 *
 * <p>The gate fails closed: an image that cannot be read, or lies outside the policy's scopes,
 * fails like an image without evidence.
 */
public final class PreDeployGate {
  /** The code returned when every image passed. */
  public static final int PASSED = 0;
  /** The code returned when any image failed (the same as {@code custody verify-custody}). */
  public static final int FAILED = 1;

  private final Custody custody;
  private final CustodyPolicy policy;

  /**
   * Creates the gate.
   *
   * @param custody the configured Custody instance
   * @param policy the policy every image must satisfy
   */
  public PreDeployGate(Custody custody, CustodyPolicy policy) {
    this.custody = requireNonNull(custody, "custody");
    this.policy = requireNonNull(policy, "policy");
  }

  /**
   * Evaluates the policy for each distinct image and reports to {@code out}: one {@code PASS} line
   * with the pinned digest per passing image, one {@code FAIL} line per failing image followed by
   * each unsatisfied stage, its reason and every rejected candidate.
   *
   * @param images the images to deploy
   * @param out where the report goes
   * @return {@link #PASSED} if every image passed, else {@link #FAILED}
   */
  public int check(List<ImageReference> images, PrintStream out) {
    requireNonNull(out, "out");
    boolean allPassed = true;
    for (ImageReference image : new LinkedHashSet<>(images)) {
      List<String> lines = evaluate(image);
      allPassed &= lines.get(0).startsWith("PASS");
      lines.forEach(out::println);
    }
    return allPassed ? PASSED : FAILED;
  }

  /** Evaluates one image: a PASS or FAIL line, then why it failed. */
  private List<String> evaluate(ImageReference image) {
    List<String> lines = new ArrayList<>();
    CustodyReport report;
    try {
      report = custody.verifyCustody(image, policy);
    } catch (CustodyException e) {
      lines.add("FAIL " + image + ": cannot evaluate custody: " + e.getMessage());
      return lines;
    }
    if (report.passed()) {
      lines.add("PASS " + image.pinned(report.digest()));
      return lines;
    }
    lines.add("FAIL " + image + " (" + report.digest() + "): policy " + report.policy());
    lines.addAll(describeFailures(report));
    return lines;
  }

  /**
   * Describes why a report failed: each unsatisfied stage with its reason code and detail, and each
   * rejected candidate of that stage.
   *
   * @param report a custody report
   * @return indented lines, empty for a passing report
   */
  public static List<String> describeFailures(CustodyReport report) {
    List<String> lines = new ArrayList<>();
    for (StageResult stage : report.stages()) {
      if (!stage.satisfied()) {
        lines.addAll(describe("  ", stage));
      }
    }
    for (PlatformResult platform : report.platforms()) {
      for (StageResult stage : platform.stages()) {
        if (!stage.satisfied()) {
          lines.addAll(describe("  platform " + platform.platform() + " ", stage));
        }
      }
    }
    return lines;
  }

  private static List<String> describe(String prefix, StageResult stage) {
    List<String> lines = new ArrayList<>();
    lines.add(
        prefix + "stage " + stage.name() + ": " + stage.reason().map(Enum::name).orElse("")
            + " " + stage.detail());
    for (RejectedCandidate rejected : stage.rejected()) {
      lines.add(
          prefix + "  rejected " + rejected.signer().orElse("(unknown signer)") + ": "
              + rejected.reason() + " " + rejected.detail());
    }
    return lines;
  }

  /**
   * Runs the gate: {@code PreDeployGate POLICY IMAGE…}, exiting with the gate's code.
   *
   * @param args the policy file and the images
   * @throws CustodyException if the policy cannot be read
   */
  public static void main(String[] args) throws CustodyException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: PreDeployGate POLICY IMAGE...");
    }
    Custody custody = Custody.builder().build();
    CustodyPolicy policy = custody.readPolicy(Path.of(args[0]));
    List<ImageReference> images = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      images.add(ImageReference.parse(args[i]));
    }
    System.exit(new PreDeployGate(custody, policy).check(images, System.out));
  }
}
