package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.StageResult;
import dev.custody.verify.SignatureReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ImageCheck} found for one image.
 *
 * @param passed whether the image may run
 * @param digest the digest the reference resolved to and every check used; required when passed
 * @param reasons readable sentences: why it failed, or what satisfied it
 * @param custodyReport the custody report, for a policy check
 * @param signatureReport the signature report, for a key check
 */
public record CheckOutcome(
    boolean passed,
    Optional<Digest> digest,
    List<String> reasons,
    Optional<CustodyReport> custodyReport,
    Optional<SignatureReport> signatureReport) {
  /** Validates and copies the components. */
  public CheckOutcome {
    requireNonNull(digest, "digest");
    reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    requireNonNull(custodyReport, "custodyReport");
    requireNonNull(signatureReport, "signatureReport");
    if (passed && digest.isEmpty()) {
      throw new IllegalArgumentException("a passed check names the digest it verified");
    }
  }

  /** {@return a pass for {@code digest}} */
  public static CheckOutcome pass(Digest digest, List<String> reasons) {
    return new CheckOutcome(true, Optional.of(digest), reasons, Optional.empty(), Optional.empty());
  }

  /** {@return a failure, with the digest if the reference resolved} */
  public static CheckOutcome fail(Optional<Digest> digest, List<String> reasons) {
    return new CheckOutcome(false, digest, reasons, Optional.empty(), Optional.empty());
  }

  /** {@return the outcome of a signature verification ({@code --key})} */
  public static CheckOutcome of(SignatureReport report) {
    List<String> reasons = new ArrayList<>();
    reasons.add(report.message());
    if (!report.passed()) {
      for (Evidence e : report.examined()) {
        e.failure()
            .ifPresent(
                reason ->
                    reasons.add(
                        "signature "
                            + e.ref()
                            + ": "
                            + reason
                            + (e.failureDetail().isEmpty() ? "" : " (" + e.failureDetail() + ")")));
      }
    }
    return new CheckOutcome(
        report.passed(),
        Optional.of(report.resolved().digest()),
        reasons,
        Optional.empty(),
        Optional.of(report));
  }

  /** {@return the outcome of a custody policy evaluation ({@code --policy})} */
  public static CheckOutcome of(CustodyReport report) {
    List<String> reasons = new ArrayList<>();
    if (report.passed()) {
      reasons.add("custody policy " + report.policy() + " satisfied");
    } else {
      unsatisfied("", report.stages(), reasons);
      for (PlatformResult platform : report.platforms()) {
        unsatisfied("platform " + platform.platform() + ": ", platform.stages(), reasons);
      }
      if (reasons.isEmpty()) {
        reasons.add("custody policy " + report.policy() + " not satisfied");
      }
    }
    return new CheckOutcome(
        report.passed(),
        Optional.of(report.digest()),
        reasons,
        Optional.of(report),
        Optional.empty());
  }

  private static void unsatisfied(String prefix, List<StageResult> stages, List<String> out) {
    for (StageResult stage : stages) {
      if (!stage.satisfied()) {
        out.add(
            prefix
                + "stage "
                + stage.name()
                + ": "
                + stage.reason().map(Enum::name).orElse("not satisfied")
                + (stage.detail().isEmpty() ? "" : " (" + stage.detail() + ")"));
      }
    }
  }
}
