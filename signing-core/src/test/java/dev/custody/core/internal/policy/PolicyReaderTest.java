package dev.custody.core.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.oci.Digest;
import dev.custody.policy.Condition;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.Stage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyReaderTest {
  /** The POLICY.md example policy, verbatim. */
  static final String EXAMPLE =
      String.join("\n",
          "apiVersion: custody/v1",
          "kind: CustodyPolicy",
          "name: payments-prod",
          "scopes:                       # images this policy governs; whole-string globs over HOST/REPOSITORY",
          "  - myacr.azurecr.io/payments/*",
          "signers:                      # named trust anchors; paths are relative to the policy file",
          "  ci:       { publicKey: keys/ci.pub }",
          "  scanner:  { publicKey: keys/scanner.pub, validFrom: 2026-01-01T00:00:00Z, validUntil: 2027-01-01T00:00:00Z }",
          "  alice:    { publicKey: keys/alice.pub }",
          "  bob:      { publicKey: keys/bob.pub }",
          "  carol:    { publicKey: keys/carol.pub }",
          "  release:  { certificateRoots: certs/release-ca.pem, subject: \"CN=Release Signing,O=Example\" }",
          "platforms: all                # for an image index: index | all (every platform manifest) | both",
          "stages:                       # in order",
          "  - name: build",
          "    attestation: { predicateType: https://slsa.dev/provenance/v1 }",
          "    signers: [ci]",
          "    conditions:",
          "      - { path: /runDetails/builder/id, equals: https://ci.example.com/builder/v1 }",
          "      - { path: /buildDefinition/externalParameters/ref, matches: \"refs/(heads/main|tags/v.*)\" }",
          "  - name: scan",
          "    attestation: { predicateType: https://cosign.sigstore.dev/attestation/vuln/v1 }",
          "    signers: [scanner]",
          "    maxAge: 7d",
          "    conditions:",
          "      - { path: /scanner/result/summary/critical, atMost: 0 }   # `result` is the scanner's own output",
          "  - name: approve",
          "    attestation: { predicateType: https://custody.dev/attestation/approval/v1 }",
          "    signers: [alice, bob, carol]",
          "    threshold: 2              # distinct signers; default 1",
          "  - name: release-signature",
          "    signature: { format: any }   # cosign | notation | any",
          "    signers: [release]",
          "");

  @TempDir Path dir;

  @BeforeEach
  void writeKeys() throws IOException {
    for (String name : List.of("ci", "scanner", "alice", "bob", "carol")) {
      PolicyFixtures.writePublicKey(dir.resolve("keys/" + name + ".pub"), PolicyFixtures.newKey());
    }
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("certs/release-ca.pem"),
        PolicyFixtures.pem("CERTIFICATE", PolicyFixtures.newRootCertificate("CN=Example Root,O=Example")));
  }

  private CustodyPolicy read(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return PolicyReader.read(file);
  }

  @Test
  void policyMdExample_parsesEveryPart() throws Exception {
    CustodyPolicy p = read("policy.yaml", EXAMPLE);
    assertEquals("payments-prod", p.name());
    assertEquals(List.of("myacr.azurecr.io/payments/*"), p.scopes());
    assertEquals(6, p.signers().size());
    assertEquals(PlatformMode.ALL, p.platforms());
    assertEquals(Digest.of(Bytes.utf8(EXAMPLE)), p.policyDigest());
    assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), p.signer("scanner").get().validFrom());
    assertEquals(Optional.of("CN=Release Signing,O=Example"), p.signer("release").get().subjectPattern());
    assertEquals(1, p.signer("release").get().certificateRoots().size());
    Stage build = p.stages().get(0);
    assertEquals(Optional.of(SignedTimes.SLSA_PROVENANCE_V1), build.predicateType());
    assertEquals(Condition.Operator.MATCHES, build.conditions().get(1).operator());
    Stage scan = p.stages().get(1);
    assertEquals(Optional.of(Duration.ofDays(7)), scan.maxAge());
    assertEquals(Condition.atMost("/scanner/result/summary/critical", BigDecimal.ZERO), scan.conditions().get(0));
    assertEquals(2, p.stages().get(2).threshold());
    Stage release = p.stages().get(3);
    assertEquals(EvidenceKind.SIGNATURE, release.kind());
    assertEquals(Optional.empty(), release.signatureFormat());
  }

  @Test
  void jsonPolicy_parsesLikeYaml() throws Exception {
    String json = "{\"apiVersion\":\"custody/v1\",\"kind\":\"CustodyPolicy\",\"name\":\"j\",\n"
        + "\"scopes\":[\"oci:*\",\"registry.example/**\"],\n"
        + "\"signers\":{\"ci\":{\"publicKey\":\"keys/ci.pub\"}},\n"
        + "\"stages\":[{\"name\":\"sig\",\"signature\":{\"format\":\"notation\"},\"signers\":[\"ci\"],\"maxAge\":\"30m\",\n"
        + "\"conditions\":[{\"path\":\"/targetArtifact/annotations/env\",\"oneOf\":[\"prod\",\"staging\"]},"
        + "{\"path\":\"/x\",\"exists\":false}]}]}";
    CustodyPolicy p = read("policy.json", json);
    assertEquals(PlatformMode.INDEX, p.platforms());
    assertEquals(Optional.of(Duration.ofMinutes(30)), p.stages().get(0).maxAge());
    assertEquals(Condition.Operator.ONE_OF, p.stages().get(0).conditions().get(0).operator());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      // what | from | to | line | field | message part
      "unknown root key | 'platforms: all' | 'platform: all' | 13 | platform | unknown key \"platform\"",
      "unknown stage key | '    threshold: 2' | '    quorum: 2' | 30 | stages[2].quorum | unknown key",
      "unknown signer key | '{ publicKey: keys/ci.pub }' | '{ publicKey: keys/ci.pub, comment: x }' | 7 | signers.ci.comment | unknown key",
      "unknown operator | 'atMost: 0 }' | 'lessThan: 1 }' | 26 | stages[1].conditions[0].lessThan | unknown operator \"lessThan\"",
      "two operators | 'atMost: 0 }' | 'atMost: 0, atLeast: 0 }' | 26 | stages[1].conditions[0].atLeast | exactly one operator",
      "empty signer list | '    signers: [release]' | '    signers: []' | 33 | stages[3].signers | the signer list is empty",
      "threshold too large | '    threshold: 2' | '    threshold: 4' | 30 | stages[2].threshold | expected 1..3 for 3 signers, got 4",
      "threshold zero | '    threshold: 2' | '    threshold: 0' | 30 | stages[2].threshold | got 0",
      "threshold not a number | '    threshold: 2' | '    threshold: two' | 30 | stages[2].threshold | expected an integer, got a string",
      "duplicate stage | '  - name: scan' | '  - name: build' | 21 | stages[1].name | duplicate stage name \"build\"",
      "bad duration | '    maxAge: 7d' | '    maxAge: 7w' | 24 | stages[1].maxAge | invalid duration",
      "zero duration | '    maxAge: 7d' | '    maxAge: 0d' | 24 | stages[1].maxAge | invalid duration",
      "bad glob | '  - myacr.azurecr.io/payments/*' | '  - myacr.azurecr.io/payments/*:latest' | 5 | scopes[0] | without tag or digest",
      "bad glob chars | '  - myacr.azurecr.io/payments/*' | '  - myacr.azurecr.io/Pay ments' | 5 | scopes[0] | invalid scope",
      "missing key file | 'keys/bob.pub' | 'keys/robert.pub' | 10 | signers.bob.publicKey | file not found",
      "undefined signer | '[alice, bob, carol]' | '[alice, bob, dave]' | 29 | stages[2].signers[2] | signer \"dave\" is not defined",
      "bad time | 'validFrom: 2026-01-01T00:00:00Z' | 'validFrom: yesterday' | 8 | signers.scanner.validFrom | invalid time",
      "empty window | 'validUntil: 2027-01-01T00:00:00Z' | 'validUntil: 2025-01-01T00:00:00Z' | 8 | signers.scanner.validUntil | the window is empty",
      "bad platforms | 'platforms: all ' | 'platforms: some ' | 13 | platforms | unknown mode",
      "bad format | '{ format: any }' | '{ format: pgp }' | 32 | stages[3].signature.format | unknown format",
      "bad regex | 'matches: \"refs/(heads/main|tags/v.*)\"' | 'matches: \"refs/(heads\"' | 20 | stages[0].conditions[1].matches | invalid regular expression",
      "bad pointer | 'path: /runDetails/builder/id' | 'path: runDetails' | 19 | stages[0].conditions[0].path | invalid JSON Pointer",
      "atMost string | 'atMost: 0 }' | 'atMost: \"0\" }' | 26 | stages[1].conditions[0].atMost | expected a number, got a string",
      "wildcard inside dn | 'CN=Release Signing' | 'CN=Release*' | 12 | signers.release.subject | only a whole value may be *",
      "both kinds | '    signers: [ci]' | '    signature: {}\n    signers: [ci]' | 17 | stages[0].signature | not both",
      "listed twice | '[alice, bob, carol]' | '[alice, bob, bob]' | 29 | stages[2].signers[2] | listed twice",
      "wrong api | 'apiVersion: custody/v1' | 'apiVersion: custody/v2' | 1 | apiVersion | expected custody/v1",
      "missing name | 'name: payments-prod' | 'title: payments-prod' | 3 | title | unknown key",
  })
  void invalidPolicy_errorNamesLineAndField(String what, String from, String to, int line, String field, String part)
      throws Exception {
    assertTrue(EXAMPLE.contains(from), "fixture must contain " + from);
    String broken = EXAMPLE.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("policy.yaml", broken));
    String expected = "line " + line + ", field " + field + ": ";
    assertTrue(e.getMessage().contains(expected), () -> what + ": expected \"" + expected + "\" in: " + e.getMessage());
    assertTrue(e.getMessage().contains(part), () -> what + ": expected \"" + part + "\" in: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("read policy " + dir.resolve("policy.yaml") + ": "), e.getMessage());
  }

  @Test
  void missingRequiredField_namesTheEnclosingLine() throws Exception {
    String broken = EXAMPLE.replace("name: payments-prod\n", "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("p.yaml", broken));
    assertTrue(e.getMessage().contains("line 1, field name: missing field"), e.getMessage());
  }

  @Test
  void twoNamesOneKeyAndThresholdTwo_rejected() throws Exception {
    Files.copy(dir.resolve("keys/alice.pub"), dir.resolve("keys/alice2.pub"));
    String broken = EXAMPLE.replace("  bob:      { publicKey: keys/bob.pub }", "  bob:      { publicKey: keys/alice2.pub }")
        .replace("[alice, bob, carol]", "[alice, bob]");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("p.yaml", broken));
    assertTrue(e.getMessage().contains("line 30, field stages[2].threshold: threshold exceeds the distinct signers"), e.getMessage());
  }

  @Test
  void duplicateYamlKey_namesLine() throws Exception {
    String broken = EXAMPLE.replace("kind: CustodyPolicy\n", "kind: CustodyPolicy\nkind: CustodyPolicy\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("p.yaml", broken));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("duplicate"), e.getMessage());
  }

  @Test
  void yamlAlias_rejected() throws Exception {
    String broken = EXAMPLE.replace("    signers: [ci]", "    signers: &s [ci]").replace("    signers: [scanner]", "    signers: *s");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("p.yaml", broken));
    assertTrue(e.getMessage().contains("line 23"), e.getMessage());
  }

  @Test
  void malformedJson_namesLine() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read("p.json", "{\n\"a\": [1,\n}"));
    assertTrue(e.getMessage().startsWith("read policy "), e.getMessage());
    assertTrue(e.getMessage().contains("line 3: malformed JSON"), e.getMessage());
  }

  @Test
  void policyFileMissing_ioError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PolicyReader.read(dir.resolve("nope.yaml")));
    assertEquals(dev.custody.CustodyException.Reason.IO, e.reason());
    assertTrue(e.getMessage().endsWith("nope.yaml: no such file"), e.getMessage());
  }
}
