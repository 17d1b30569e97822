package dev.custody.cli.demo;

import java.time.Instant;

/**
 * The demo's predicates, as JSON text: SLSA provenance v1 from a CI builder, a cosign vulnerability
 * scan with no critical findings, and Custody's approval (POLICY.md "Custody's own predicates").
 * Their times are the signed times the policy orders and ages.
 */
public final class DemoEvidence {
  /** The builder the policy requires. */
  public static final String BUILDER = "https://ci.example.com/builder/v1";

  private DemoEvidence() {}

  /** {@return SLSA provenance of a build of {@code refs/heads/main} that finished at {@code finishedOn}} */
  public static String provenance(Instant finishedOn) {
    return "{\"buildDefinition\":{\"buildType\":\"https://custody.dev/demo/buildtypes/container/v1\","
        + "\"externalParameters\":{\"repository\":\"https://git.example.com/team/hello\","
        + "\"ref\":\"refs/heads/main\"}},"
        + "\"runDetails\":{\"builder\":{\"id\":\"" + BUILDER + "\"},"
        + "\"metadata\":{\"invocationId\":\"demo-build-1\",\"startedOn\":\"" + finishedOn.minusSeconds(30)
        + "\",\"finishedOn\":\"" + finishedOn + "\"}}}";
  }

  /** {@return a vulnerability scan with {@code critical} critical findings, finished at {@code finishedOn}} */
  public static String scan(int critical, Instant finishedOn) {
    return "{\"scanner\":{\"uri\":\"pkg:github/aquasecurity/trivy\",\"version\":\"0.50.0\","
        + "\"result\":{\"summary\":{\"critical\":" + critical + ",\"high\":0}}},"
        + "\"metadata\":{\"scanStartedOn\":\"" + finishedOn.minusSeconds(20)
        + "\",\"scanFinishedOn\":\"" + finishedOn + "\"}}";
  }

  /** {@return an approval by {@code approver} at {@code approvedAt} for production} */
  public static String approval(String approver, Instant approvedAt) {
    return "{\"approver\":\"" + approver + "\",\"approvedAt\":\"" + approvedAt
        + "\",\"environment\":\"production\",\"reason\":\"custody demo\"}";
  }

  /**
   * {@return the demo's custody policy (POLICY.md): built by ci on the expected builder from
   * main, scanned by the scanner within 7 days with no critical findings, approved by two of the
   * approvers, in that order}
   */
  public static String policy() {
    return String.join(
        "\n",
        "apiVersion: custody/v1",
        "kind: CustodyPolicy",
        "name: demo",
        "scopes: [\"oci:*\"]",
        "signers:",
        "  ci:      { publicKey: keys/ci.pub }",
        "  scanner: { publicKey: keys/scanner.pub }",
        "  alice:   { publicKey: keys/alice.pub }",
        "  bob:     { publicKey: keys/bob.pub }",
        "stages:",
        "  - name: build",
        "    attestation: { predicateType: https://slsa.dev/provenance/v1 }",
        "    signers: [ci]",
        "    conditions:",
        "      - { path: /runDetails/builder/id, equals: \"" + BUILDER + "\" }",
        "      - { path: /buildDefinition/externalParameters/ref, matches: \"refs/(heads/main|tags/v.*)\" }",
        "  - name: scan",
        "    attestation: { predicateType: https://cosign.sigstore.dev/attestation/vuln/v1 }",
        "    signers: [scanner]",
        "    maxAge: 7d",
        "    conditions:",
        "      - { path: /scanner/result/summary/critical, atMost: 0 }",
        "  - name: approve",
        "    attestation: { predicateType: https://custody.dev/attestation/approval/v1 }",
        "    signers: [alice, bob]",
        "    threshold: 2",
        "");
  }
}
