package dev.custody.core.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Digest;
import dev.custody.policy.AcceptedEvidence;
import dev.custody.policy.Condition;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.Stage;
import dev.custody.policy.StageResult;
import dev.custody.policy.TrustedSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates one stage over its candidates (POLICY.md "A stage"). Each candidate is checked in a
 * fixed order — verified, bound to the digest, trusted for the stage, inside the signer's window,
 * conditions, maxAge, order after the previous stage — and the first failing check is its reason.
 * Candidates that pass are then counted over DISTINCT signers: one piece per key or certificate
 * identity, and each identity assigned to at most one signer (names sharing one key are one
 * signer) by a maximum matching, so the count is the largest honest one.
 */
final class StageEvaluator {
  private final CustodyPolicy policy;
  private final Stage stage;
  private final Digest digest;
  private final Instant now;
  private final Optional<Previous> previous;

  /** The stage before this one, if it was satisfied: its name and when it became satisfied. */
  record Previous(String stage, Optional<Instant> satisfiedAt) {}

  /** A candidate that passed every check, with the stage signer names it may count for. */
  private record Passing(Evidence evidence, List<String> names, Map<String, String> facts) {}

  StageEvaluator(CustodyPolicy policy, Stage stage, Digest digest, Instant now, Optional<Previous> previous) {
    this.policy = policy;
    this.stage = stage;
    this.digest = digest;
    this.now = now;
    this.previous = previous;
  }

  /** {@return the stage result for {@code candidates}, which must be in {@link EvidenceOrder}} */
  StageResult evaluate(List<Evidence> candidates) {
    if (candidates.isEmpty()) {
      return unsatisfied(List.of(), List.of(), ReasonCode.NO_EVIDENCE, "no " + wanted() + " found");
    }
    List<Passing> passing = new ArrayList<>();
    Map<Evidence, RejectedCandidate> rejected = new HashMap<>();
    for (Evidence c : candidates) {
      Object outcome = check(c);
      if (outcome instanceof RejectedCandidate) {
        rejected.put(c, (RejectedCandidate) outcome);
      } else {
        passing.add((Passing) outcome);
      }
    }
    Map<Evidence, AcceptedEvidence> accepted = count(passing, rejected);
    List<AcceptedEvidence> acceptedInOrder = new ArrayList<>();
    List<RejectedCandidate> rejectedInOrder = new ArrayList<>();
    for (Evidence c : candidates) {
      if (accepted.containsKey(c)) {
        acceptedInOrder.add(accepted.get(c));
      } else {
        rejectedInOrder.add(rejected.get(c));
      }
    }
    // Accepted evidence reads as a timeline: by signed time, undated last, ties in candidate order.
    acceptedInOrder.sort(
        java.util.Comparator.comparing(
            (AcceptedEvidence a) -> a.evidence().signedTime().orElse(Instant.MAX)));
    if (acceptedInOrder.size() >= stage.threshold()) {
      return new StageResult(stage.name(), true, acceptedInOrder, rejectedInOrder, Optional.empty(), "",
          satisfiedAt(acceptedInOrder));
    }
    List<ReasonCode> reasons =
        rejectedInOrder.stream().map(RejectedCandidate::reason).distinct().collect(Collectors.toList());
    if (acceptedInOrder.isEmpty() && reasons.size() == 1) {
      return unsatisfied(acceptedInOrder, rejectedInOrder, reasons.get(0), rejectedInOrder.get(0).detail());
    }
    return unsatisfied(acceptedInOrder, rejectedInOrder, ReasonCode.THRESHOLD_NOT_MET,
        acceptedInOrder.size() + " of " + stage.threshold() + " distinct "
            + (isApproval() ? "approvers" : "signers"));
  }

  /** {@return the Passing facts, or the RejectedCandidate saying why not} */
  private Object check(Evidence c) {
    Optional<String> anyName = c.verifiedBy().flatMap(this::anyPolicyName);
    if (!c.isVerified()) {
      return reject(c, anyName, c.failure().get(), c.failureDetail());
    }
    if (!c.subject().equals(digest)) {
      return reject(c, anyName, ReasonCode.SUBJECT_MISMATCH,
          "bound to " + c.subject() + ", not to the image " + digest);
    }
    SignerIdentity identity = c.verifiedBy().get();
    List<TrustedSigner> trusted =
        stage.signers().stream()
            .map(n -> policy.signer(n).get())
            .filter(s -> SignerMatch.matches(s, identity))
            .collect(Collectors.toList());
    if (trusted.isEmpty()) {
      return reject(c, anyName, ReasonCode.UNTRUSTED_SIGNER,
          anyName.map(n -> "signer " + n + " is not trusted for stage " + stage.name())
                  .orElse("signed by " + identity + ", which no signer of the policy trusts")
              + " (expected one of " + String.join(", ", stage.signers()) + ")");
    }
    Optional<Instant> time = c.signedTime();
    String firstName = trusted.get(0).name();
    List<String> names = new ArrayList<>();
    for (TrustedSigner s : trusted) {
      if (!s.hasValidityWindow() || (time.isPresent() && s.isValidAt(time.get()))) {
        names.add(s.name());
      }
    }
    if (names.isEmpty()) {
      TrustedSigner s = trusted.get(0);
      if (time.isEmpty()) {
        return reject(c, Optional.of(firstName), ReasonCode.NO_SIGNED_TIME,
            "signer " + firstName + " has a validity window and the evidence carries no signed time");
      }
      return reject(c, Optional.of(firstName), ReasonCode.OUTSIDE_SIGNER_VALIDITY,
          "signed " + time.get() + ", outside the validity of signer " + firstName + " ("
              + s.validFrom().map(Instant::toString).orElse("") + " .. "
              + s.validUntil().map(Instant::toString).orElse("") + ")");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    if (!stage.conditions().isEmpty()) {
      JsonNode content;
      try {
        content = Json.read(c.content(), "signed content of " + c.ref());
      } catch (InvalidInputException e) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.MALFORMED, e.getMessage());
      }
      for (Condition condition : stage.conditions()) {
        Optional<ConditionCheck.Failure> failure = ConditionCheck.check(condition, content);
        if (failure.isPresent()) {
          return reject(c, Optional.of(names.get(0)), failure.get().reason(), failure.get().detail());
        }
        ConditionCheck.fact(condition, content).ifPresent(v -> facts.put(condition.pointer(), v));
      }
    }
    if (stage.maxAge().isPresent()) {
      Duration max = stage.maxAge().get();
      if (time.isEmpty()) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.NO_SIGNED_TIME,
            "maxAge " + PolicyDurations.format(max) + " needs a signed time and the evidence carries none");
      }
      Duration age = Duration.between(time.get(), now);
      if (age.compareTo(max) > 0) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.TOO_OLD,
            "signed " + time.get() + ", " + ageText(age) + " before evaluation (expected at most "
                + PolicyDurations.format(max) + ")");
      }
    }
    if (previous.isPresent()) {
      Previous p = previous.get();
      if (p.satisfiedAt().isEmpty()) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.NO_SIGNED_TIME,
            "stage " + p.stage() + " has no signed time to order this stage after");
      }
      if (time.isEmpty()) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.NO_SIGNED_TIME,
            "must not predate stage " + p.stage() + " (" + p.satisfiedAt().get()
                + ") and carries no signed time");
      }
      if (time.get().isBefore(p.satisfiedAt().get())) {
        return reject(c, Optional.of(names.get(0)), ReasonCode.OUT_OF_ORDER,
            "signed " + time.get() + ", before stage " + p.stage() + " was satisfied at "
                + p.satisfiedAt().get());
      }
    }
    return new Passing(c, names, facts);
  }

  /**
   * Counts passing candidates over distinct signers. Per identity, the earliest-signed piece is
   * used (others are DUPLICATE_SIGNER); identities are then matched to signer classes (names with
   * the same anchor) by augmenting paths, each class and identity used once.
   */
  private Map<Evidence, AcceptedEvidence> count(List<Passing> passing, Map<Evidence, RejectedCandidate> rejected) {
    Map<SignerIdentity, Passing> best = new LinkedHashMap<>();
    for (Passing p : passing) {
      SignerIdentity id = p.evidence().verifiedBy().get();
      Passing current = best.get(id);
      if (current == null || earlier(p.evidence(), current.evidence())) {
        if (current != null) {
          rejected.put(current.evidence(), duplicate(current));
        }
        best.put(id, p);
      } else {
        rejected.put(p.evidence(), duplicate(p));
      }
    }
    List<Passing> identities = new ArrayList<>(best.values());
    Map<String, Integer> classOf = new LinkedHashMap<>();
    Map<String, Integer> anchorIndex = new LinkedHashMap<>();
    for (String name : stage.signers()) {
      String anchor = policy.signer(name).get().anchorId();
      anchorIndex.putIfAbsent(anchor, anchorIndex.size());
      classOf.put(name, anchorIndex.get(anchor));
    }
    int[] holder = new int[anchorIndex.size()];
    java.util.Arrays.fill(holder, -1);
    for (int i = 0; i < identities.size(); i++) {
      augment(i, identities, classOf, holder, new boolean[holder.length]);
    }
    Map<Evidence, AcceptedEvidence> accepted = new LinkedHashMap<>();
    for (int k = 0; k < holder.length; k++) {
      if (holder[k] >= 0) {
        Passing p = identities.get(holder[k]);
        int cls = k;
        String name = p.names().stream().filter(n -> classOf.get(n) == cls).findFirst().get();
        accepted.put(p.evidence(), new AcceptedEvidence(p.evidence(), name, p.facts()));
      }
    }
    for (Passing p : identities) {
      if (!accepted.containsKey(p.evidence())) {
        rejected.put(p.evidence(), new RejectedCandidate(p.evidence(), Optional.of(p.names().get(0)),
            ReasonCode.DUPLICATE_SIGNER, "signer " + p.names().get(0) + " was already counted for stage "
                + stage.name() + " with another identity"));
      }
    }
    return accepted;
  }

  private static boolean augment(int i, List<Passing> ids, Map<String, Integer> classOf, int[] holder, boolean[] seen) {
    for (String name : ids.get(i).names()) {
      int k = classOf.get(name);
      if (seen[k]) {
        continue;
      }
      seen[k] = true;
      if (holder[k] < 0 || augment(holder[k], ids, classOf, holder, seen)) {
        holder[k] = i;
        return true;
      }
    }
    return false;
  }

  /** Earlier signed time first; a piece without time after any with one; otherwise keep order. */
  private static boolean earlier(Evidence a, Evidence b) {
    if (a.signedTime().isPresent() && b.signedTime().isPresent()) {
      return a.signedTime().get().isBefore(b.signedTime().get());
    }
    return a.signedTime().isPresent() && b.signedTime().isEmpty();
  }

  private RejectedCandidate duplicate(Passing p) {
    String name = p.names().get(0);
    return new RejectedCandidate(p.evidence(), Optional.of(name), ReasonCode.DUPLICATE_SIGNER,
        "second " + noun() + " by " + name + " counted once");
  }

  /** The threshold-th earliest signed time among the accepted evidence: when the stage was met. */
  private Optional<Instant> satisfiedAt(List<AcceptedEvidence> accepted) {
    List<Instant> times =
        accepted.stream()
            .map(a -> a.evidence().signedTime())
            .flatMap(Optional::stream)
            .sorted()
            .collect(Collectors.toList());
    return times.size() >= stage.threshold() ? Optional.of(times.get(stage.threshold() - 1)) : Optional.empty();
  }

  private Optional<String> anyPolicyName(SignerIdentity identity) {
    for (String name : stage.signers()) {
      if (SignerMatch.matches(policy.signer(name).get(), identity)) {
        return Optional.of(name);
      }
    }
    return policy.signers().stream().filter(s -> SignerMatch.matches(s, identity)).map(TrustedSigner::name).findFirst();
  }

  private RejectedCandidate reject(Evidence c, Optional<String> signer, ReasonCode reason, String detail) {
    return new RejectedCandidate(c, signer, reason, detail);
  }

  private StageResult unsatisfied(List<AcceptedEvidence> accepted, List<RejectedCandidate> rejected, ReasonCode reason, String detail) {
    return new StageResult(stage.name(), false, accepted, rejected, Optional.of(reason), detail, Optional.empty());
  }

  private boolean isApproval() {
    return stage.predicateType().map(SignedTimes.APPROVAL_V1::equals).orElse(false);
  }

  private String noun() {
    return isApproval() ? "approval" : stage.kind() == EvidenceKind.SIGNATURE ? "signature" : "attestation";
  }

  private String wanted() {
    return stage.kind() == EvidenceKind.ATTESTATION
        ? "attestation of type " + stage.predicateType().get()
        : stage.signatureFormat().map(f -> f.id() + " signature").orElse("signature");
  }

  private static String ageText(Duration age) {
    long minutes = age.toMinutes();
    if (minutes >= 24 * 60) {
      return minutes / (24 * 60) + "d " + (minutes % (24 * 60)) / 60 + "h";
    }
    return minutes >= 60 ? minutes / 60 + "h " + minutes % 60 + "m" : minutes + "m";
  }
}
