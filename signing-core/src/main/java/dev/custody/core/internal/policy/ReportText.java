package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.AcceptedEvidence;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.StageResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link CustodyReport} for people: the same facts as {@link ReportJson}, one line per
 * stage and per piece of evidence, so an auditor can read the chain top to bottom.
 */
public final class ReportText {
  private ReportText() {}

  /** {@return the report as text, lines ending in {@code \n}} */
  public static String render(CustodyReport report) {
    requireNonNull(report, "report");
    StringBuilder out = new StringBuilder();
    out.append("Custody report for ").append(report.image()).append('\n');
    out.append("  digest     ").append(report.digest()).append('\n');
    out.append("  policy     ").append(report.policy()).append(" (").append(report.policyDigest()).append(")\n");
    out.append("  evaluated  ").append(report.evaluatedAt()).append('\n');
    out.append("  verdict    ").append(report.verdict().name()).append('\n');
    stages(out, report.stages(), "");
    for (PlatformResult p : report.platforms()) {
      out.append("\nPlatform ").append(p.platform()).append(' ').append(p.digest())
          .append(": ").append(p.verdict().name()).append('\n');
      stages(out, p.stages(), "  ");
    }
    if (!report.unmatched().isEmpty()) {
      out.append("\nNot asked for by any stage\n");
      for (Evidence e : report.unmatched()) {
        out.append("  ").append(what(e));
        e.verifiedBy().ifPresent(v -> out.append(" by ").append(v));
        e.failure().ifPresent(f -> out.append(", ").append(f.name()).append(": ").append(e.failureDetail()));
        out.append(" [").append(where(e)).append("]\n");
      }
    }
    return out.toString();
  }

  private static void stages(StringBuilder out, List<StageResult> stages, String indent) {
    for (StageResult s : stages) {
      out.append('\n').append(indent).append(s.satisfied() ? "[ok]   " : "[FAIL] ").append(s.name());
      if (s.reason().isPresent()) {
        out.append(": ").append(s.reason().get().name()).append(", ").append(s.detail());
      }
      s.satisfiedAt().ifPresent(t -> out.append(" (satisfied at ").append(t).append(')'));
      out.append('\n');
      for (AcceptedEvidence a : s.accepted()) {
        Evidence e = a.evidence();
        out.append(indent).append("         accepted  ").append(what(e)).append(" by ").append(a.signer())
            .append(", signed ").append(e.signedTime().map(Instant::toString).orElse("(no signed time)"))
            .append(" [").append(where(e)).append("]\n");
        for (Map.Entry<String, String> f : a.facts().entrySet()) {
          out.append(indent).append("                   ").append(f.getKey()).append(" = ").append(f.getValue()).append('\n');
        }
      }
      for (RejectedCandidate r : s.rejected()) {
        out.append(indent).append("         rejected  ").append(r.reason().name())
            .append(r.signer().map(n -> " (" + n + ")").orElse("")).append(": ").append(r.detail())
            .append(" [").append(what(r.evidence())).append(", ").append(where(r.evidence())).append("]\n");
      }
    }
  }

  private static String what(Evidence e) {
    return e.kind() == EvidenceKind.ATTESTATION
        ? "attestation " + e.predicateType().orElse("(unknown type)")
        : e.format().map(f -> f.id() + " signature").orElse("signature");
  }

  private static String where(Evidence e) {
    return e.storage().id() + " " + e.ref();
  }
}
