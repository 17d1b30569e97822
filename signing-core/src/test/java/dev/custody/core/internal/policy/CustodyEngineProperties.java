package dev.custody.core.internal.policy;

import static dev.custody.core.internal.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CustodyEngineProperties {
  private static final ChainScenario S = new ChainScenario();
  private static final CustodyPolicy POLICY = S.policy();
  /** Good, duplicate, stale, untrusted, out-of-order and broken candidates for every stage. */
  private static final List<Evidence> POOL = pool();

  private static List<Evidence> pool() {
    List<Evidence> all = new ArrayList<>(S.goodChain());
    all.add(S.approvalBy(S.alice, "2026-11-22T12:00:00Z"));
    all.add(S.approvalBy(S.carol, "2026-11-22T06:00:00Z"));
    all.add(S.approvalBy(S.carol, "2026-11-20T06:00:00Z"));
    all.add(S.approvalBy(S.stranger, "2026-11-23T06:00:00Z"));
    all.add(attestation(VULN, S.scanner, scan(1, "2026-11-21T00:00:00Z"), "bad scan"));
    all.add(attestation(VULN, S.scanner, scan(0, "2026-11-10T00:00:00Z"), "old scan"));
    all.add(attestation(VULN, S.scanner, scan(0, "2026-11-21T00:00:00Z"), "same time scan"));
    all.add(failedAttestation(APPROVAL, ReasonCode.SIGNATURE_INVALID, "tampered"));
    all.add(failedAttestation(SLSA, ReasonCode.MALFORMED, "broken"));
    all.add(cosign(S.release, Optional.empty(), "undated"));
    all.add(cosign(S.release, Optional.of(Instant.parse("2026-11-25T00:00:00Z")), "later"));
    all.add(attestation("https://spdx.dev/Document", S.ci, dev.custody.Bytes.utf8("{}"), "sbom"));
    return List.copyOf(all);
  }

  @Provide
  Arbitrary<List<Evidence>> evidenceSets() {
    return Arbitraries.subsetOf(POOL).map(ArrayList::new);
  }

  @Property(tries = 200)
  void verdictAndReport_doNotDependOnEvidenceOrder(@ForAll("evidenceSets") List<Evidence> evidence, @ForAll long seed) {
    List<Evidence> shuffled = new ArrayList<>(evidence);
    Collections.shuffle(shuffled, new Random(seed));
    CustodyReport a = evaluate(evidence);
    CustodyReport b = evaluate(shuffled);
    assertEquals(a.verdict(), b.verdict());
    assertEquals(a, b);
    assertEquals(ReportJson.render(a), ReportJson.render(b));
    assertEquals(ReportText.render(a), ReportText.render(b));
  }

  @Property(tries = 100)
  void evaluation_isDeterministicForAFixedClock(@ForAll("evidenceSets") List<Evidence> evidence) {
    assertEquals(ReportJson.render(evaluate(evidence)), ReportJson.render(evaluate(List.copyOf(evidence))));
  }

  private static CustodyReport evaluate(List<Evidence> evidence) {
    return CustodyEngine.evaluate(evidence, POLICY, ChainScenario.NOW, "myacr.azurecr.io/payments/api:1.4", IMAGE);
  }
}
