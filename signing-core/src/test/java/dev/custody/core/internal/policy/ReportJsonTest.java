package dev.custody.core.internal.policy;

import static dev.custody.core.internal.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.core.internal.json.Json;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private final ChainScenario s = new ChainScenario();

  private CustodyReport failingApproval() {
    List<Evidence> evidence = s.goodChain();
    evidence.set(3, s.approvalBy(s.alice, "2026-11-22T12:00:00Z"));
    evidence.add(failedAttestation(APPROVAL, ReasonCode.SIGNATURE_INVALID, "tampered"));
    return CustodyEngine.evaluate(evidence, s.policy(), ChainScenario.NOW, "myacr.azurecr.io/payments/api:1.4", IMAGE);
  }

  @Test
  void failingReport_hasPolicyMdShape() throws Exception {
    JsonNode root = Json.read(ReportJson.render(failingApproval()), "report");
    List<String> top = List.of("image", "digest", "policy", "policyDigest", "evaluatedAt", "verdict", "stages", "platforms", "unmatched");
    assertEquals(top, iterableToList(root.fieldNames()));
    assertEquals("myacr.azurecr.io/payments/api:1.4", root.get("image").asText());
    assertEquals(IMAGE.toString(), root.get("digest").asText());
    assertEquals("payments-prod", root.get("policy").asText());
    assertEquals("2026-11-26T10:00:00Z", root.get("evaluatedAt").asText());
    assertEquals("fail", root.get("verdict").asText());

    JsonNode build = root.get("stages").get(0);
    assertEquals("build", build.get("name").asText());
    assertTrue(build.get("satisfied").asBoolean());
    assertTrue(build.get("rejected").isEmpty());
    assertTrue(build.path("reason").isMissingNode());
    JsonNode ev = build.get("evidence").get(0);
    assertEquals(List.of("kind", "predicateType", "signer", "signedTime", "storage", "ref", "verifiedBy", "subject", "facts"),
        iterableToList(ev.fieldNames()));
    assertEquals("attestation", ev.get("kind").asText());
    assertEquals("ci", ev.get("signer").asText());
    assertEquals("2026-11-20T00:00:00Z", ev.get("signedTime").asText());
    assertEquals("cosign-att", ev.get("storage").asText());

    JsonNode approve = root.get("stages").get(2);
    assertEquals(false, approve.get("satisfied").asBoolean());
    assertEquals("THRESHOLD_NOT_MET", approve.get("reason").asText());
    assertEquals("1 of 2 distinct approvers", approve.get("detail").asText());
    assertEquals("alice", approve.get("evidence").get(0).get("signer").asText());
    boolean sawNullSigner = false;
    for (JsonNode r : approve.get("rejected")) {
      assertEquals("signer", r.fieldNames().next());
      if (r.get("reason").asText().equals("SIGNATURE_INVALID")) {
        assertTrue(r.get("signer").isNull());
        sawNullSigner = true;
      }
    }
    assertTrue(sawNullSigner);
  }

  @Test
  void textReport_showsTheSameFacts() {
    String text = ReportText.render(failingApproval());
    assertTrue(text.contains("verdict    FAIL"), text);
    assertTrue(text.contains("[FAIL] approve: THRESHOLD_NOT_MET, 1 of 2 distinct approvers"), text);
    assertTrue(text.contains("rejected  DUPLICATE_SIGNER (alice): second approval by alice counted once"), text);
    assertTrue(text.contains("rejected  SIGNATURE_INVALID: envelope SIGNATURE_INVALID"), text);
    assertTrue(text.contains("[ok]   build"), text);
  }

  private static List<String> iterableToList(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
