package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The files of a chain of custody for CLI tests, as a user would write them: unencrypted PKCS#8
 * keys made with {@code generate-key-pair} (ci, scanner, alice, bob, carol, release) under {@code
 * keys/}, predicate JSON files, and policy YAML files next to {@code keys/}.
 */
final class CustodyChain {
  static final String[] SIGNERS = {"ci", "scanner", "alice", "bob", "carol", "release"};
  static final String BUILDER = "https://ci.example.com/builder/v1";

  final Path dir;

  CustodyChain(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("keys"));
    for (String name : SIGNERS) {
      CliRun run =
          CliRun.of(
              "generate-key-pair",
              "--format",
              "pkcs8",
              "--output-key-prefix",
              key(name).toString());
      assertEquals(0, run.exitCode(), run.toString());
    }
  }

  private Path key(String name) {
    return dir.resolve("keys").resolve(name);
  }

  String privateKey(String name) {
    return key(name) + ".key";
  }

  String publicKey(String name) {
    return key(name) + ".pub";
  }

  Path provenance(Instant finishedOn) throws IOException {
    return write(
        "provenance.json",
        "{\"buildDefinition\":{\"buildType\":\"https://ci.example.com/buildtypes/container/v1\","
            + "\"externalParameters\":{\"repository\":\"https://git.example.com/payments/api\","
            + "\"ref\":\"refs/heads/main\"}},"
            + "\"runDetails\":{\"builder\":{\"id\":\""
            + BUILDER
            + "\"},"
            + "\"metadata\":{\"finishedOn\":\""
            + finishedOn
            + "\"}}}");
  }

  Path scan(int critical, Instant finishedOn) throws IOException {
    return write(
        "scan-" + critical + ".json",
        "{\"scanner\":{\"uri\":\"pkg:github/aquasecurity/trivy\",\"version\":\"0.50.0\","
            + "\"result\":{\"summary\":{\"critical\":"
            + critical
            + "}}},"
            + "\"metadata\":{\"scanStartedOn\":\""
            + finishedOn.minusSeconds(60)
            + "\","
            + "\"scanFinishedOn\":\""
            + finishedOn
            + "\"}}");
  }

  Path approval(String approver, Instant at) throws IOException {
    return write(
        "approval-" + approver + ".json",
        "{\"approver\":\""
            + approver
            + "\",\"approvedAt\":\""
            + at
            + "\","
            + "\"environment\":\"prod\",\"ticket\":\"REL-42\"}");
  }

  /**
   * Writes a policy: build (ci), scan (scanner, 7d, no criticals), 2 of alice/bob/carol, and with
   * {@code promotedFrom} a promotion stage signed by release whose /source matches it.
   */
  Path policy(String name, String scope, String promotedFrom) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: custody/v1\nkind: CustodyPolicy\nname: ").append(name).append('\n');
    yaml.append("scopes:\n  - ").append(scope).append('\n');
    yaml.append("signers:\n");
    for (String signer : SIGNERS) {
      yaml.append("  ")
          .append(signer)
          .append(": { publicKey: keys/")
          .append(signer)
          .append(".pub }\n");
    }
    yaml.append(
        "stages:\n"
            + "  - name: build\n"
            + "    attestation: { predicateType: https://slsa.dev/provenance/v1 }\n"
            + "    signers: [ci]\n"
            + "    conditions:\n"
            + "      - { path: /runDetails/builder/id, equals: "
            + BUILDER
            + " }\n"
            + "  - name: scan\n"
            + "    attestation: { predicateType: https://cosign.sigstore.dev/attestation/vuln/v1"
            + " }\n"
            + "    signers: [scanner]\n"
            + "    maxAge: 7d\n"
            + "    conditions:\n"
            + "      - { path: /scanner/result/summary/critical, atMost: 0 }\n"
            + "  - name: approve\n"
            + "    attestation: { predicateType: https://custody.dev/attestation/approval/v1 }\n"
            + "    signers: [alice, bob, carol]\n"
            + "    threshold: 2\n");
    if (promotedFrom != null) {
      yaml.append(
          "  - name: promote\n"
              + "    attestation: { predicateType: https://custody.dev/attestation/promotion/v1 }\n"
              + "    signers: [release]\n"
              + "    conditions:\n"
              + "      - { path: /source, matches: '"
              + promotedFrom
              + "' }\n");
    }
    return write(name + ".yaml", yaml.toString());
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
