package dev.custody.cli.demo;

import dev.custody.policy.AcceptedEvidence;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A custody report as text: the verdict, then each stage with its evidence and rejections. */
public final class ReportLines {
  private ReportLines() {}

  /** {@return the report's lines} */
  public static List<String> of(CustodyReport report) {
    List<String> lines = new ArrayList<>();
    lines.add("custody report for " + report.image());
    lines.add("  digest   " + report.digest());
    lines.add("  policy   " + report.policy() + " (" + report.policyDigest() + ")");
    lines.add("  verdict  " + report.verdict().id());
    for (StageResult stage : report.stages()) {
      lines.add(
          "  " + (stage.satisfied() ? "[ok]   " : "[FAIL] ") + stage.name()
              + stage.reason().map(r -> ": " + r.name() + ", " + stage.detail()).orElse(""));
      for (AcceptedEvidence accepted : stage.accepted()) {
        lines.add(
            "           accepted " + what(accepted.evidence()) + " by " + accepted.signer() + ", signed "
                + accepted.evidence().signedTime().map(Instant::toString).orElse("(no signed time)"));
      }
      for (RejectedCandidate rejected : stage.rejected()) {
        lines.add(
            "           rejected " + rejected.reason().name()
                + rejected.signer().map(n -> " (" + n + ")").orElse("") + ": " + rejected.detail());
      }
    }
    return lines;
  }

  private static String what(Evidence evidence) {
    return evidence.predicateType().map(t -> "attestation " + t).orElse("signature");
  }
}
