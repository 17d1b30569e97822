package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's chain of custody end to end through the CLI on the real registry fixture: build
 * provenance, a scan, two approvals by different keys, {@code copy --promote} from a staging to a
 * prod repository, then {@code verify-custody} on the destination and on an exported layout
 * verified offline in a fresh directory.
 */
class CustodyChainCliTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;
  CustodyChain chain;
  String staging;
  String prod;
  Path stagingPolicy;
  Path prodPolicy;
  final Instant now = Instant.now();

  @BeforeEach
  void setUp() throws IOException {
    chain = new CustodyChain(dir.resolve("files"));
    staging = REGISTRY.reference(REGISTRY.uniqueRepository("staging"), "1.4");
    prod = REGISTRY.reference(REGISTRY.uniqueRepository("prod"), "1.4");
    String host = REGISTRY.hostPort();
    stagingPolicy = chain.policy("payments-staging", host + "/test/staging-*", null);
    prodPolicy =
        chain.policy(
            "payments-prod", host + "/test/prod-*", host.replace(".", "\\.") + "/test/staging-.*");
    TestImages.Image image = TestImages.image("custody-chain-cli");
    Path layout = TestImages.writeLayout(dir.resolve("build"), "v1", image);
    ok(CliRun.of("copy", TestImages.layoutReference(layout, "v1"), staging));
  }

  private static CliRun ok(CliRun run) {
    assertEquals(0, run.exitCode(), run.toString());
    return run;
  }

  private CliRun attest(String signer, String type, Path predicate, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "attest",
                "--key",
                chain.privateKey(signer),
                "--type",
                type,
                "--predicate",
                predicate.toString()));
    args.addAll(List.of(more));
    args.add(staging);
    return CliRun.of(args.toArray(String[]::new));
  }

  private void buildScanApprove() throws IOException {
    ok(attest("ci", "slsaprovenance1", chain.provenance(now.minus(Duration.ofHours(4)))));
    ok(
        attest(
            "scanner",
            "vuln",
            chain.scan(0, now.minus(Duration.ofHours(3))),
            "--registry-referrers-mode",
            "oci-1-1"));
    ok(attest("alice", "approval", chain.approval("alice", now.minus(Duration.ofHours(2)))));
    ok(
        attest(
            "bob",
            "https://custody.dev/attestation/approval/v1",
            chain.approval("bob", now.minus(Duration.ofHours(1)))));
  }

  private CliRun promote(String destination) {
    return CliRun.of(
        "copy",
        "--promote",
        "--key",
        chain.privateKey("release"),
        "--policy",
        stagingPolicy.toString(),
        staging,
        destination);
  }

  @Test
  void chain_promotedToProd_passesOnDestinationAndOnExportedLayoutOffline() throws Exception {
    buildScanApprove();
    CliRun provenance =
        ok(
            CliRun.of(
                "verify-attestation",
                "--key",
                chain.publicKey("ci"),
                "--type",
                "slsaprovenance1",
                staging));
    ok(CliRun.of("verify-custody", "--policy", stagingPolicy.toString(), staging));

    CliRun promoted = ok(promote(prod));
    CliRun online = ok(CliRun.of("verify-custody", "--policy", prodPolicy.toString(), prod));
    CliRun json =
        ok(
            CliRun.of(
                "--output", "json", "verify-custody", "--policy", prodPolicy.toString(), prod));

    CliRun exported = ok(CliRun.of("export", prod, "oci:" + dir.resolve("exported")));
    Path offline =
        copyTree(
            dir.resolve("exported"), Files.createTempDirectory(dir, "fresh").resolve("layout"));
    String layout = "oci:" + offline + ":1.4";
    CliRun offlineCustody =
        ok(CliRun.of("verify-custody", "--policy", prodPolicy.toString(), layout));
    CliRun offlinePromotion =
        ok(
            CliRun.of(
                "verify-attestation",
                "--key",
                chain.publicKey("release"),
                "--type",
                "promotion",
                layout));

    assertTrue(provenance.out().contains("verified"), provenance.toString());
    assertTrue(promoted.out().contains("promotion attested on"), promoted.toString());
    assertTrue(
        promoted.out().contains("source custody: policy payments-staging pass"),
        promoted.toString());
    assertTrue(online.out().contains("[ok]   promote"), online.toString());
    assertTrue(online.out().contains("verdict    PASS"), online.toString());
    assertTrue(
        exported.out().contains("recorded source repository " + prod.replace(":1.4", "")),
        exported.toString());
    assertTrue(offlineCustody.out().contains("[ok]   promote"), offlineCustody.toString());
    assertTrue(offlinePromotion.out().startsWith("cosign-att  "), offlinePromotion.toString());
    JsonNode report = Json.read(Bytes.utf8(json.out()), "verify-custody output");
    assertEquals("pass", report.get("verdict").asText());
    assertEquals("payments-prod", report.get("policy").asText());
    assertEquals(List.of("build", "scan", "approve", "promote"), names(report.get("stages")));
    JsonNode promote = report.get("stages").get(3);
    assertTrue(promote.get("satisfied").asBoolean());
    assertEquals(
        "https://custody.dev/attestation/promotion/v1",
        promote.get("evidence").get(0).get("predicateType").asText());
    assertEquals("release", promote.get("evidence").get(0).get("signer").asText());
    for (String field : List.of("image", "digest", "policyDigest", "evaluatedAt")) {
      assertTrue(report.get(field).isTextual(), field + " in " + json.out());
    }
    assertTrue(report.get("stages").get(2).get("evidence").size() == 2, json.out());
  }

  @Test
  void copyWithoutPromotion_failsNamingThePromoteStage() throws IOException {
    buildScanApprove();
    ok(CliRun.of("copy", staging, prod));

    CliRun run = CliRun.of("verify-custody", "--policy", prodPolicy.toString(), prod);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("[FAIL] promote: NO_EVIDENCE"), run.toString());
    assertTrue(run.out().contains("[ok]   approve"), run.toString());
    assertTrue(run.err().contains("custody policy payments-prod failed"), run.toString());
    assertTrue(run.err().contains("stage promote (NO_EVIDENCE)"), run.toString());
  }

  @Test
  void promote_sourceFailsStagingPolicy_exitsOneAndCopiesNothing() throws IOException {
    ok(attest("ci", "slsaprovenance1", chain.provenance(now.minus(Duration.ofHours(4)))));
    ok(attest("scanner", "vuln", chain.scan(2, now.minus(Duration.ofHours(3)))));
    ok(attest("alice", "approval", chain.approval("alice", now.minus(Duration.ofHours(2)))));
    ok(attest("alice", "approval", chain.approval("alice", now.minus(Duration.ofHours(1)))));

    CliRun run = promote(prod);
    CliRun digest = CliRun.of("digest", prod);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains("not promoted"), run.toString());
    assertTrue(run.err().contains("scan (CONDITION_FAILED)"), run.toString());
    assertTrue(run.err().contains("approve (THRESHOLD_NOT_MET)"), run.toString());
    assertTrue(run.out().contains("DUPLICATE_SIGNER"), run.toString());
    assertEquals(3, digest.exitCode(), digest.toString());
  }

  @Test
  void promotion_fromARepositoryOtherThanStaging_conditionFailedNamed() throws Exception {
    buildScanApprove();
    String elsewhere = REGISTRY.reference(REGISTRY.uniqueRepository("qa"), "1.4");
    ok(CliRun.of("copy", staging, elsewhere));
    ok(CliRun.of("copy", "--promote", "--key", chain.privateKey("release"), elsewhere, prod));

    CliRun run =
        CliRun.of("--output", "json", "verify-custody", "--policy", prodPolicy.toString(), prod);

    assertEquals(1, run.exitCode(), run.toString());
    JsonNode promote = Json.read(Bytes.utf8(run.out()), "report").get("stages").get(3);
    assertFalse(promote.get("satisfied").asBoolean(), run.out());
    assertTrue(run.out().contains("CONDITION_FAILED"), run.out());
  }

  @Test
  void signedAndAttested_exported_verifyAndVerifyAttestationWorkOfflineInFreshDirectory()
      throws Exception {
    ok(CliRun.of("sign", "--key", chain.privateKey("release"), staging));
    ok(
        attest(
            "ci",
            "slsaprovenance1",
            chain.provenance(now.minus(Duration.ofHours(1))),
            "--registry-referrers-mode",
            "oci-1-1"));
    ok(CliRun.of("export", staging, "oci:" + dir.resolve("exported")));
    Path offline =
        copyTree(
            dir.resolve("exported"), Files.createTempDirectory(dir, "airgap").resolve("layout"));
    String layout = "oci:" + offline + ":1.4";

    CliRun verify = CliRun.of("verify", "--key", chain.publicKey("release"), layout);
    CliRun attestation =
        CliRun.of(
            "verify-attestation",
            "--key",
            chain.publicKey("ci"),
            "--type",
            "slsaprovenance1",
            layout);
    CliRun stranger = CliRun.of("verify", "--key", chain.publicKey("bob"), layout);

    assertEquals(0, verify.exitCode(), verify.toString());
    assertTrue(verify.out().contains("VERIFIED"), verify.toString());
    assertEquals(0, attestation.exitCode(), attestation.toString());
    assertTrue(attestation.out().startsWith("referrer-bundle  "), attestation.toString());
    assertEquals(1, stranger.exitCode(), stranger.toString());
  }

  private static List<String> names(JsonNode stages) {
    List<String> names = new java.util.ArrayList<>();
    stages.forEach(s -> names.add(s.get("name").asText()));
    return names;
  }

  static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}
