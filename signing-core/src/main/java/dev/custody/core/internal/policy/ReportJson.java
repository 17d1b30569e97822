package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.policy.AcceptedEvidence;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.StageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link CustodyReport} as the JSON of POLICY.md "Report" ({@code --output json}),
 * with the compatible extensions documented in docs/POLICY-NOTES.md: {@code satisfiedAt},
 * {@code verifiedBy}, {@code subject} and {@code facts} on evidence, the kind and location of
 * rejected candidates, {@code platforms} and {@code unmatched}. Field order is fixed.
 */
public final class ReportJson {
  private ReportJson() {}

  /** {@return the report as pretty-printed UTF-8 JSON ending in a newline} */
  public static Bytes render(CustodyReport report) {
    requireNonNull(report, "report");
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("image", report.image());
    root.put("digest", report.digest().toString());
    root.put("policy", report.policy());
    root.put("policyDigest", report.policyDigest().toString());
    root.put("evaluatedAt", report.evaluatedAt().toString());
    root.put("verdict", report.verdict().id());
    stages(root.putArray("stages"), report.stages());
    ArrayNode platforms = root.putArray("platforms");
    for (PlatformResult p : report.platforms()) {
      ObjectNode node = platforms.addObject();
      node.put("platform", p.platform().toString());
      node.put("digest", p.digest().toString());
      node.put("verdict", p.verdict().id());
      stages(node.putArray("stages"), p.stages());
    }
    ArrayNode unmatched = root.putArray("unmatched");
    for (Evidence e : report.unmatched()) {
      ObjectNode node = unmatched.addObject();
      what(node, e);
      if (e.verifiedBy().isPresent()) {
        node.put("verifiedBy", e.verifiedBy().get().toString());
      }
      if (e.isVerified()) {
        node.putNull("reason");
      } else {
        node.put("reason", e.failure().get().name());
        node.put("detail", e.failureDetail());
      }
      where(node, e);
    }
    try {
      String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
      return Bytes.of((text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("render custody report", e);
    }
  }

  private static void stages(ArrayNode array, List<StageResult> stages) {
    for (StageResult s : stages) {
      ObjectNode node = array.addObject();
      node.put("name", s.name());
      node.put("satisfied", s.satisfied());
      ArrayNode evidence = node.putArray("evidence");
      for (AcceptedEvidence a : s.accepted()) {
        accepted(evidence.addObject(), a);
      }
      ArrayNode rejected = node.putArray("rejected");
      for (RejectedCandidate r : s.rejected()) {
        rejected(rejected.addObject(), r);
      }
      if (s.reason().isPresent()) {
        node.put("reason", s.reason().get().name());
        node.put("detail", s.detail());
      }
      s.satisfiedAt().ifPresent(t -> node.put("satisfiedAt", t.toString()));
    }
  }

  private static void accepted(ObjectNode node, AcceptedEvidence a) {
    Evidence e = a.evidence();
    what(node, e);
    node.put("signer", a.signer());
    if (e.signedTime().isPresent()) {
      node.put("signedTime", e.signedTime().get().toString());
    } else {
      node.putNull("signedTime");
    }
    where(node, e);
    node.put("verifiedBy", e.verifiedBy().get().toString());
    node.put("subject", e.subject().toString());
    ObjectNode facts = node.putObject("facts");
    for (Map.Entry<String, String> f : a.facts().entrySet()) {
      facts.put(f.getKey(), f.getValue());
    }
  }

  private static void rejected(ObjectNode node, RejectedCandidate r) {
    if (r.signer().isPresent()) {
      node.put("signer", r.signer().get());
    } else {
      node.putNull("signer");
    }
    node.put("reason", r.reason().name());
    node.put("detail", r.detail());
    what(node, r.evidence());
    where(node, r.evidence());
  }

  private static void what(ObjectNode node, Evidence e) {
    node.put("kind", e.kind().id());
    if (e.kind() == EvidenceKind.ATTESTATION) {
      e.predicateType().ifPresent(t -> node.put("predicateType", t));
    } else {
      e.format().map(SignatureFormat::id).ifPresent(f -> node.put("format", f));
    }
  }

  private static void where(ObjectNode node, Evidence e) {
    node.put("storage", e.storage().id());
    node.put("ref", e.ref().toString());
  }
}
