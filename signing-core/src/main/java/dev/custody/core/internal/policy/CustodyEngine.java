package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.Stage;
import dev.custody.policy.StageResult;
import dev.custody.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The custody policy engine: a pure, deterministic function of (evidence, policy, clock) to a
 * {@link CustodyReport} (ARCHITECTURE.md "Chain of custody"). It does no I/O and reads no clock;
 * the evidence is first put in a canonical order, so the report does not depend on the order in
 * which the pipeline found it.
 *
 * <p>The engine trusts {@link Evidence}: only the verification pipeline mints it, after checking
 * signatures over the exact bytes. Stateless and thread-safe.
 */
public final class CustodyEngine {
  private CustodyEngine() {}

  /**
   * Evaluates a single image manifest.
   *
   * @param evidence every candidate found for {@code digest}, verified or rejected
   * @param policy the policy
   * @param now the evaluation time (for maxAge)
   * @param image the image as the caller named it, for the report
   * @param digest the digest it resolved to; evidence must be bound to it
   * @return the report
   */
  public static CustodyReport evaluate(
      List<Evidence> evidence, CustodyPolicy policy, Instant now, String image, Digest digest) {
    requireAll(evidence, policy, now, image, digest);
    Outcome o = stages(evidence, policy, now, digest);
    return new CustodyReport(image, digest, policy.name(), policy.policyDigest(), now,
        verdict(o.stages), o.stages, List.of(), o.unmatched);
  }

  /**
   * Evaluates an image index under the policy's {@link CustodyPolicy#platforms()} mode: {@code
   * index} evaluates only the index's evidence; {@code all} every platform manifest, each on its own
   * evidence; {@code both} the index and every platform. A stage of the report is satisfied only
   * if it is satisfied wherever the mode requires; otherwise its reason names the platforms
   * ({@link ReasonCode#PLATFORM_UNSATISFIED}).
   *
   * @param indexEvidence every candidate found for the index digest
   * @param platforms the evidence of each platform manifest the index lists, in index order
   * @param policy the policy
   * @param now the evaluation time
   * @param image the image as the caller named it
   * @param indexDigest the index digest
   * @return the report
   */
  public static CustodyReport evaluateIndex(
      List<Evidence> indexEvidence,
      List<PlatformEvidence> platforms,
      CustodyPolicy policy,
      Instant now,
      String image,
      Digest indexDigest) {
    requireAll(indexEvidence, policy, now, image, indexDigest);
    requireNonNull(platforms, "platforms");
    PlatformMode mode = policy.platforms();
    Outcome index = stages(indexEvidence, policy, now, indexDigest);
    if (mode == PlatformMode.INDEX) {
      return new CustodyReport(image, indexDigest, policy.name(), policy.policyDigest(), now,
          verdict(index.stages), index.stages, List.of(), index.unmatched);
    }
    List<PlatformResult> results = new ArrayList<>();
    List<Evidence> unmatched = new ArrayList<>(mode == PlatformMode.ALL ? EvidenceOrder.sorted(indexEvidence) : index.unmatched);
    for (PlatformEvidence p : platforms) {
      Outcome o = stages(p.evidence(), policy, now, p.digest());
      results.add(new PlatformResult(p.platform(), p.digest(), verdict(o.stages), o.stages));
      unmatched.addAll(o.unmatched);
    }
    List<StageResult> top = new ArrayList<>();
    for (int i = 0; i < policy.stages().size(); i++) {
      Stage stage = policy.stages().get(i);
      int s = i;
      List<String> failing =
          results.stream()
              .filter(r -> !r.stages().get(s).satisfied())
              .map(r -> r.platform() + " (" + r.stages().get(s).reason().get() + ")")
              .collect(Collectors.toList());
      String detail =
          platforms.isEmpty()
              ? "the index lists no platform manifests"
              : "unsatisfied for " + String.join(", ", failing);
      boolean platformsOk = !platforms.isEmpty() && failing.isEmpty();
      if (mode == PlatformMode.ALL) {
        top.add(platformsOk
            ? new StageResult(stage.name(), true, List.of(), List.of(), Optional.empty(), "",
                latest(results, s))
            : new StageResult(stage.name(), false, List.of(), List.of(),
                Optional.of(ReasonCode.PLATFORM_UNSATISFIED), detail, Optional.empty()));
      } else {
        StageResult own = index.stages.get(i);
        top.add(!own.satisfied() || platformsOk
            ? own
            : new StageResult(own.name(), false, own.accepted(), own.rejected(),
                Optional.of(ReasonCode.PLATFORM_UNSATISFIED), detail, Optional.empty()));
      }
    }
    return new CustodyReport(image, indexDigest, policy.name(), policy.policyDigest(), now,
        verdict(top), top, results, unmatched);
  }

  private static Optional<Instant> latest(List<PlatformResult> results, int stage) {
    return results.stream()
        .map(r -> r.stages().get(stage).satisfiedAt())
        .flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  private static final class Outcome {
    final List<StageResult> stages = new ArrayList<>();
    final List<Evidence> unmatched = new ArrayList<>();
  }

  private static Outcome stages(List<Evidence> evidence, CustodyPolicy policy, Instant now, Digest digest) {
    List<Evidence> sorted = EvidenceOrder.sorted(evidence);
    Outcome out = new Outcome();
    Optional<StageEvaluator.Previous> previous = Optional.empty();
    for (Stage stage : policy.stages()) {
      List<Evidence> candidates = sorted.stream().filter(stage::accepts).collect(Collectors.toList());
      StageResult result = new StageEvaluator(policy, stage, digest, now, previous).evaluate(candidates);
      out.stages.add(result);
      // Order is checked against the stage before only when that stage was satisfied; an
      // unsatisfied stage already fails the verdict and has no time to order against.
      previous = result.satisfied()
          ? Optional.of(new StageEvaluator.Previous(stage.name(), result.satisfiedAt()))
          : Optional.empty();
    }
    for (Evidence e : sorted) {
      if (policy.stages().stream().noneMatch(s -> s.accepts(e))) {
        out.unmatched.add(e);
      }
    }
    return out;
  }

  private static Verdict verdict(List<StageResult> stages) {
    return stages.stream().allMatch(StageResult::satisfied) ? Verdict.PASS : Verdict.FAIL;
  }

  private static void requireAll(List<Evidence> evidence, CustodyPolicy policy, Instant now, String image, Digest digest) {
    requireNonNull(evidence, "evidence");
    requireNonNull(policy, "policy");
    requireNonNull(now, "now");
    requireNonNull(image, "image");
    requireNonNull(digest, "digest");
  }
}
