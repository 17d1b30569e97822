package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attest, verify-attestation, verify-custody, export and copy --promote on OCI layouts: output in
 * text and JSON, exit codes, and usage errors (exit 2 with the message naming what is wrong).
 */
class CustodyCommandsTest {
  @TempDir Path dir;
  CustodyChain chain;
  String image;
  final Instant now = Instant.now();

  @BeforeEach
  void setUp() throws IOException {
    chain = new CustodyChain(dir.resolve("files"));
    Path layout =
        TestImages.writeLayout(dir.resolve("app"), "v1", TestImages.image("custody-commands"));
    image = TestImages.layoutReference(layout, "v1");
  }

  private CliRun attest(String signer, String type, Path predicate) {
    return CliRun.of(
        "attest",
        "--key",
        chain.privateKey(signer),
        "--type",
        type,
        "--predicate",
        predicate.toString(),
        image);
  }

  @Test
  void attest_thenVerifyAttestation_textAndJsonNameSignerStorageAndOutcome() throws Exception {
    CliRun attested = attest("alice", "approval", chain.approval("alice", now));
    CliRun json =
        CliRun.of(
            "--output",
            "json",
            "attest",
            "--key",
            chain.privateKey("bob"),
            "--type",
            "approval",
            "--registry-referrers-mode",
            "oci-1-1",
            "--predicate",
            chain.approval("bob", now).toString(),
            image);

    CliRun text =
        CliRun.of(
            "verify-attestation", "--key", chain.publicKey("alice"), "--type", "approval", image);
    CliRun report =
        CliRun.of(
            "--output",
            "json",
            "verify-attestation",
            "--key",
            chain.publicKey("bob"),
            "--type",
            "approval",
            image);

    assertEquals(0, attested.exitCode(), attested.toString());
    assertTrue(attested.out().startsWith("Attested " + image + " (sha256:"), attested.toString());
    assertTrue(
        attested.out().contains("https://custody.dev/attestation/approval/v1"),
        attested.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode stored = Json.read(Bytes.utf8(json.out()), "attest output");
    assertEquals(
        "referrer-bundle", stored.get("attestations").get(0).get("storage").asText(), json.out());
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(
        text.out().contains("cosign-att  " + chain.publicKey("alice") + " (key sha256:"),
        text.toString());
    assertTrue(text.out().contains("  verified"), text.toString());
    assertTrue(text.out().contains("VERIFIED: 1 of 2"), text.toString());
    assertEquals(0, report.exitCode(), report.toString());
    JsonNode doc = Json.read(Bytes.utf8(report.out()), "verify-attestation output");
    assertEquals("VERIFIED", doc.get("outcome").asText());
    assertTrue(doc.get("passed").asBoolean());
    assertEquals(2, doc.get("attestations").size(), report.out());
  }

  @Test
  void verifyAttestation_otherKeyOrType_exitsOneWithReason() throws Exception {
    assertEquals(0, attest("alice", "approval", chain.approval("alice", now)).exitCode());

    CliRun untrusted =
        CliRun.of(
            "verify-attestation", "--key", chain.publicKey("carol"), "--type", "approval", image);
    CliRun missing =
        CliRun.of("verify-attestation", "--key", chain.publicKey("alice"), "--type", "vuln", image);

    assertEquals(1, untrusted.exitCode(), untrusted.toString());
    assertTrue(untrusted.out().contains("NONE_VERIFIED"), untrusted.toString());
    assertTrue(
        untrusted
            .out()
            .contains("cosign-att  -  SIGNATURE_INVALID  the DSSE signature does not verify"),
        untrusted.toString());
    assertTrue(untrusted.err().startsWith("custody: NONE_VERIFIED"), untrusted.toString());
    assertEquals(1, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("NO_ATTESTATIONS"), missing.toString());
    assertTrue(missing.err().contains("hint: attest the image first"), missing.toString());
  }

  @Test
  void attest_usageErrors_exitTwoNamingTheProblem() throws IOException {
    Path notJson = chain.write("not.json", "{\"approver\": ");
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[PredicateFile.MAX_BYTES + 1]);

    CliRun noKey =
        CliRun.of("attest", "--type", "approval", "--predicate", notJson.toString(), image);
    CliRun unreadable = attest("alice", "approval", dir.resolve("missing.json"));
    CliRun malformed = attest("alice", "approval", notJson);
    CliRun tooLarge = attest("alice", "approval", big);
    CliRun badType = attest("alice", "nonsense", chain.approval("alice", now));
    CliRun badSchema =
        attest("alice", "approval", chain.write("schema.json", "{\"approver\":\"alice\"}"));

    assertEquals(2, noKey.exitCode(), noKey.toString());
    assertTrue(noKey.err().contains("Missing required option: '--key=KEY'"), noKey.toString());
    assertEquals(2, unreadable.exitCode(), unreadable.toString());
    assertTrue(
        unreadable
            .err()
            .contains("read predicate " + dir.resolve("missing.json") + ": no such file"),
        unreadable.toString());
    assertEquals(2, malformed.exitCode(), malformed.toString());
    assertTrue(malformed.err().contains("predicate"), malformed.toString());
    assertEquals(2, tooLarge.exitCode(), tooLarge.toString());
    assertTrue(
        tooLarge.err().contains("too large (expected at most 4194304 bytes)"), tooLarge.toString());
    assertEquals(2, badType.exitCode(), badType.toString());
    assertTrue(badType.err().contains("not a known short name"), badType.toString());
    assertEquals(2, badSchema.exitCode(), badSchema.toString());
    assertTrue(badSchema.err().contains("approvedAt"), badSchema.toString());
  }

  @Test
  void verifyCustody_layoutChain_passesAndJsonHasPolicyShape() throws Exception {
    assertEquals(
        0,
        attest("ci", "slsaprovenance1", chain.provenance(now.minus(Duration.ofHours(3))))
            .exitCode());
    assertEquals(
        0, attest("scanner", "vuln", chain.scan(0, now.minus(Duration.ofHours(2)))).exitCode());
    assertEquals(
        0,
        attest("alice", "approval", chain.approval("alice", now.minus(Duration.ofHours(1))))
            .exitCode());
    assertEquals(
        0,
        attest("carol", "approval", chain.approval("carol", now.minus(Duration.ofMinutes(30))))
            .exitCode());
    Path policy = chain.policy("layout-policy", "oci:*", null);

    CliRun text = CliRun.of("verify-custody", "--policy", policy.toString(), image);
    CliRun json =
        CliRun.of("verify-custody", "--output", "json", "--policy", policy.toString(), image);

    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().startsWith("Custody report for " + image + "\n"), text.toString());
    assertTrue(text.out().contains("[ok]   approve"), text.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode report = Json.read(Bytes.utf8(json.out()), "report");
    assertEquals("pass", report.get("verdict").asText());
    assertEquals(3, report.get("stages").size());
    JsonNode evidence = report.get("stages").get(0).get("evidence").get(0);
    for (String field :
        new String[] {"kind", "predicateType", "signer", "signedTime", "storage", "ref"}) {
      assertTrue(evidence.has(field), field + " in " + evidence);
    }
  }

  @Test
  void verifyCustody_badPolicyOrScope_exitsTwoWithLineAndField() throws IOException {
    Path badThreshold =
        chain.write(
            "bad.yaml",
            Files.readString(chain.policy("p", "oci:*", null))
                .replace("threshold: 2", "threshold: 5"));
    Path registryScope = chain.policy("registry-only", "registry.example/payments/*", null);

    CliRun bad = CliRun.of("verify-custody", "--policy", badThreshold.toString(), image);
    CliRun outside = CliRun.of("verify-custody", "--policy", registryScope.toString(), image);
    CliRun missing =
        CliRun.of("verify-custody", "--policy", dir.resolve("none.yaml").toString(), image);
    CliRun noPolicy = CliRun.of("verify-custody", image);

    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(
        bad.err().matches("(?s).*line \\d+, field stages\\[2\\]\\.threshold.*"), bad.toString());
    assertEquals(2, outside.exitCode(), outside.toString());
    assertTrue(
        outside.err().contains("outside every scope of policy registry-only"), outside.toString());
    assertEquals(2, missing.exitCode(), missing.toString());
    assertEquals(2, noPolicy.exitCode(), noPolicy.toString());
    assertTrue(
        noPolicy.err().contains("Missing required option: '--policy=FILE'"), noPolicy.toString());
  }

  @Test
  void copyAndExport_usageErrors_exitTwo() {
    String target = "oci:" + dir.resolve("target") + ":v1";

    CliRun keyWithoutPromote =
        CliRun.of("copy", "--key", chain.privateKey("release"), image, target);
    CliRun promoteWithoutKey = CliRun.of("copy", "--promote", image, target);
    CliRun exportToRegistry = CliRun.of("export", image, "registry.example/app:1");

    assertEquals(2, keyWithoutPromote.exitCode(), keyWithoutPromote.toString());
    assertTrue(
        keyWithoutPromote.err().contains("--key and --policy are for --promote"),
        keyWithoutPromote.toString());
    assertEquals(2, promoteWithoutKey.exitCode(), promoteWithoutKey.toString());
    assertTrue(
        promoteWithoutKey.err().contains("--promote needs --key KEY"),
        promoteWithoutKey.toString());
    assertEquals(2, exportToRegistry.exitCode(), exportToRegistry.toString());
    assertTrue(
        exportToRegistry.err().contains("expected oci:DIR as the destination"),
        exportToRegistry.toString());
    assertTrue(Files.notExists(dir.resolve("target")));
  }

  @Test
  void promoteAndExport_jsonDocuments() throws Exception {
    String promoted = "oci:" + dir.resolve("prod") + ":v1";

    CliRun promote =
        CliRun.of(
            "--output",
            "json",
            "copy",
            "--promote",
            "--key",
            chain.privateKey("release"),
            image,
            promoted);
    CliRun export =
        CliRun.of("--output", "json", "export", promoted, "oci:" + dir.resolve("offline"));
    CliRun verify =
        CliRun.of(
            "verify-attestation",
            "--key",
            chain.publicKey("release"),
            "--type",
            "promotion",
            "oci:" + dir.resolve("offline") + ":v1");

    assertEquals(0, promote.exitCode(), promote.toString());
    JsonNode p = Json.read(Bytes.utf8(promote.out()), "copy --promote output");
    assertEquals(
        "https://custody.dev/attestation/promotion/v1",
        p.get("promotion").get("predicateType").asText());
    assertEquals(
        p.get("digest").asText(),
        p.get("promotion").get("attestations").get(0).get("subject").asText());
    assertEquals(0, export.exitCode(), export.toString());
    JsonNode e = Json.read(Bytes.utf8(export.out()), "export output");
    assertEquals("oci:" + dir.resolve("offline") + ":v1", e.get("destination").asText());
    assertTrue(e.get("recordedSource").isNull(), export.out());
    assertEquals(
        "oci:" + dir.resolve("offline") + ":v1@" + p.get("digest").asText(),
        e.get("offlineReference").asText());
    assertTrue(e.get("attachments").asInt() >= 1, export.out());
    assertEquals(0, verify.exitCode(), verify.toString());
  }
}
