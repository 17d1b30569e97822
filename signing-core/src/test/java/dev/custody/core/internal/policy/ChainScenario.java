package dev.custody.core.internal.policy;

import static dev.custody.core.internal.policy.PolicyFixtures.*;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.policy.Condition;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.Evidence;
import dev.custody.policy.Scalar;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The POLICY.md example policy, built in code with fresh keys, and a good chain for it. */
final class ChainScenario {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final String BUILDER = "https://ci.example.com/builder/v1";

  final TrustedSigner ci = TrustedSigner.publicKey("ci", newKey());
  final TrustedSigner scanner =
      TrustedSigner.publicKey("scanner", newKey())
          .withValidity(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
  final TrustedSigner alice = TrustedSigner.publicKey("alice", newKey());
  final TrustedSigner bob = TrustedSigner.publicKey("bob", newKey());
  final TrustedSigner carol = TrustedSigner.publicKey("carol", newKey());
  final TrustedSigner release = TrustedSigner.publicKey("release", newKey());
  final TrustedSigner stranger = TrustedSigner.publicKey("stranger", newKey());

  CustodyPolicy policy() {
    return policyBuilder().build();
  }

  CustodyPolicy.Builder policyBuilder() {
    return CustodyPolicy.builder()
        .name("payments-prod")
        .scope("myacr.azurecr.io/payments/*")
        .signer(ci).signer(scanner).signer(alice).signer(bob).signer(carol).signer(release)
        .policyDigest(Digest.of(Bytes.utf8("policy")))
        .stage(Stage.builder("build").attestation(SLSA).signers(List.of("ci"))
            .condition(Condition.equalTo("/runDetails/builder/id", Scalar.string(BUILDER)))
            .condition(Condition.matches("/buildDefinition/externalParameters/ref", "refs/(heads/main|tags/v.*)"))
            .build())
        .stage(Stage.builder("scan").attestation(VULN).signers(List.of("scanner")).maxAge(Duration.ofDays(7))
            .condition(Condition.atMost("/scanner/result/summary/critical", BigDecimal.ZERO))
            .build())
        .stage(Stage.builder("approve").attestation(APPROVAL).signers(List.of("alice", "bob", "carol")).threshold(2).build())
        .stage(Stage.builder("release-signature").anySignature().signers(List.of("release")).build());
  }

  Evidence build() {
    return attestation(SLSA, ci, provenance(BUILDER, "refs/heads/main", "2026-11-20T00:00:00Z"), "build");
  }

  Evidence scan() {
    return attestation(VULN, scanner, PolicyFixtures.scan(0, "2026-11-21T00:00:00Z"), "scan");
  }

  Evidence approvalBy(TrustedSigner who, String at) {
    return attestation(APPROVAL, who, approval(who.name(), at), "approval " + who.name() + " " + at);
  }

  Evidence releaseSignature() {
    return cosign(release, Optional.of(Instant.parse("2026-11-24T00:00:00Z")), "release");
  }

  List<Evidence> goodChain() {
    List<Evidence> all = new ArrayList<>();
    all.add(build());
    all.add(scan());
    all.add(approvalBy(alice, "2026-11-22T00:00:00Z"));
    all.add(approvalBy(bob, "2026-11-23T00:00:00Z"));
    all.add(releaseSignature());
    return all;
  }

  /** The good chain with {@code index} replaced. */
  List<Evidence> replacing(int index, Evidence e) {
    List<Evidence> all = goodChain();
    all.set(index, e);
    return all;
  }
}
