package dev.custody.core.internal.formats.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PredicatesTest {
  static final Instant T1 = Instant.parse("2025-01-02T03:04:05Z");
  static final Instant T2 = Instant.parse("2025-01-02T03:09:05Z");

  static ObjectNode json(String text) throws InvalidInputException {
    return (ObjectNode) Json.read(Bytes.utf8(text), "test");
  }

  static void assertRefused(Executable e, String expected) {
    InvalidInputException x = assertThrows(InvalidInputException.class, e);
    assertTrue(x.getMessage().contains(expected), x.getMessage());
  }

  @Test
  void slsa_builder_writesFormatsExampleShape() throws Exception {
    ObjectNode external = JsonNodeFactory.instance.objectNode();
    external.put("repository", "https://git.example.com/team/app").put("ref", "refs/heads/main");
    ObjectNode predicate =
        SlsaProvenanceV1.builder()
            .buildType("https://custody.example/buildtypes/container/v1")
            .externalParameters(external)
            .internalParameters(JsonNodeFactory.instance.objectNode())
            .resolvedDependency(
                ResourceDescriptor.of(
                    Optional.empty(),
                    Optional.of("git+https://git.example.com/team/app@refs/heads/main"),
                    Map.of("gitCommit", "7fd1a60b01f91b314f59955a4e4d4e80d8edf11d")))
            .builderId("https://ci.example.com/builders/linux-large@v1")
            .builderVersion("ci", "4.2.0")
            .invocationId("https://ci.example.com/runs/1234")
            .startedOn(T1)
            .finishedOn(T2)
            .build();

    assertEquals(
        "{\"buildDefinition\":{\"buildType\":\"https://custody.example/buildtypes/container/v1\","
            + "\"externalParameters\":{\"repository\":\"https://git.example.com/team/app\","
            + "\"ref\":\"refs/heads/main\"},\"internalParameters\":{},\"resolvedDependencies\":"
            + "[{\"uri\":\"git+https://git.example.com/team/app@refs/heads/main\",\"digest\":"
            + "{\"gitCommit\":\"7fd1a60b01f91b314f59955a4e4d4e80d8edf11d\"}}]},\"runDetails\":"
            + "{\"builder\":{\"id\":\"https://ci.example.com/builders/linux-large@v1\",\"version\":"
            + "{\"ci\":\"4.2.0\"}},\"metadata\":{\"invocationId\":\"https://ci.example.com/runs/1234\","
            + "\"startedOn\":\"2025-01-02T03:04:05Z\",\"finishedOn\":\"2025-01-02T03:09:05Z\"}}}",
        Json.write(predicate).asUtf8());
    SlsaProvenanceV1 read = SlsaProvenanceV1.from(predicate);
    assertEquals("https://ci.example.com/builders/linux-large@v1", read.builderId());
    assertEquals(Optional.of(T2), read.finishedOn());
    assertEquals("refs/heads/main", read.externalParameters().get("ref").textValue());
    assertEquals(1, read.resolvedDependencies().size());
  }

  @Test
  void slsa_builderWithoutBuilderId_isCallerError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SlsaProvenanceV1.builder().buildType("https://t").build());
    assertTrue(e.getMessage().contains("runDetails.builder.id"), e.getMessage());
  }

  @Test
  void slsa_missingBuilderId_isRefusedNamingPath() {
    assertRefused(
        () ->
            SlsaProvenanceV1.from(
                json(
                    "{\"buildDefinition\":{\"buildType\":\"t\",\"externalParameters\":{}},"
                        + "\"runDetails\":{\"builder\":{}}}")),
        "read SLSA provenance v1 predicate: field runDetails.builder.id: missing");
  }

  @Test
  void slsa_externalParametersNotObject_isRefused() {
    assertRefused(
        () ->
            SlsaProvenanceV1.from(
                json(
                    "{\"buildDefinition\":{\"buildType\":\"t\",\"externalParameters\":1},"
                        + "\"runDetails\":{\"builder\":{\"id\":\"b\"}}}")),
        "field buildDefinition.externalParameters: expected an object (got number)");
  }

  @Test
  void slsa_badFinishedOn_isRefused() {
    assertRefused(
        () ->
            SlsaProvenanceV1.from(
                json(
                    "{\"buildDefinition\":{\"buildType\":\"t\",\"externalParameters\":{}},"
                        + "\"runDetails\":{\"builder\":{\"id\":\"b\"},\"metadata\":"
                        + "{\"finishedOn\":\"yesterday\"}}}")),
        "field runDetails.metadata.finishedOn: not an RFC 3339 timestamp");
  }

  @Test
  void slsa_dependencyWithNameOnly_isRefused() {
    assertRefused(
        () ->
            SlsaProvenanceV1.from(
                json(
                    "{\"buildDefinition\":{\"buildType\":\"t\",\"externalParameters\":{},"
                        + "\"resolvedDependencies\":[{\"name\":\"x\"}]},"
                        + "\"runDetails\":{\"builder\":{\"id\":\"b\"}}}")),
        "field buildDefinition.resolvedDependencies[0]: needs at least one of uri, digest or"
            + " content");
  }

  @Test
  void cosignVuln_builder_writesCosignFieldNamesAndOrder() throws Exception {
    ObjectNode result = json("{\"summary\":{\"critical\":0}}");
    ObjectNode predicate =
        CosignVulnV1.builder()
            .scanner("pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9", "0.19.2")
            .db("pkg:github/aquasecurity/trivy-db", "v1-2021080612")
            .result(result)
            .scanTimes(T1, T2)
            .build();

    assertEquals(
        "{\"invocation\":{\"parameters\":null,\"uri\":\"\",\"event_id\":\"\",\"builder.id\":\"\"},"
            + "\"scanner\":{\"uri\":\"pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9\","
            + "\"version\":\"0.19.2\",\"db\":{\"uri\":\"pkg:github/aquasecurity/trivy-db\","
            + "\"version\":\"v1-2021080612\"},\"result\":{\"summary\":{\"critical\":0}}},"
            + "\"metadata\":{\"scanStartedOn\":\"2025-01-02T03:04:05Z\","
            + "\"scanFinishedOn\":\"2025-01-02T03:09:05Z\"}}",
        Json.write(predicate).asUtf8());
    CosignVulnV1 read = CosignVulnV1.from(predicate);
    assertEquals(T2, read.scanFinishedOn());
    assertEquals(0, read.result().at("/summary/critical").intValue());
  }

  @Test
  void cosignVuln_fractionalAndOffsetTimes_areAccepted() throws Exception {
    CosignVulnV1 read =
        CosignVulnV1.from(
            json(
                "{\"scanner\":{\"uri\":\"u\"},\"metadata\":{\"scanStartedOn\":"
                    + "\"2025-01-02T04:04:05.123456789+01:00\",\"scanFinishedOn\":\"2025-01-02T03:09:05Z\"}}"));

    assertEquals(Instant.parse("2025-01-02T03:04:05.123456789Z"), read.scanStartedOn());
  }

  @Test
  void cosignVuln_missingScanFinishedOn_isRefused() {
    assertRefused(
        () ->
            CosignVulnV1.from(
                json(
                    "{\"scanner\":{\"uri\":\"u\"},\"metadata\":{\"scanStartedOn\":\"2025-01-02T03:04:05Z\"}}")),
        "read cosign vuln predicate: field metadata.scanFinishedOn: missing");
  }

  @Test
  void inTotoVulns_builderAndValidator_roundTrip() throws Exception {
    InTotoVulnsV02.Finding finding =
        new InTotoVulnsV02.Finding(
            "CVE-2024-0001",
            List.of(
                new InTotoVulnsV02.Severity("nvd", "medium"),
                new InTotoVulnsV02.Severity("cvss_score", "5.2")));
    ObjectNode predicate =
        InTotoVulnsV02.builder()
            .scanner("pkg:github/aquasecurity/trivy", "0.50.0")
            .db("pkg:github/aquasecurity/trivy-db", "v2", T1)
            .finding(finding)
            .scanTimes(T1, T2)
            .build();

    assertEquals(
        "{\"id\":\"CVE-2024-0001\",\"severity\":[{\"method\":\"nvd\",\"score\":\"medium\"},"
            + "{\"method\":\"cvss_score\",\"score\":\"5.2\"}]}",
        predicate.at("/scanner/result/0").toString());
    InTotoVulnsV02 read = InTotoVulnsV02.from(predicate);
    assertEquals(List.of(finding), read.results());
    assertEquals(T2, read.scanFinishedOn());
  }

  @Test
  void inTotoVulns_findingWithoutSeverity_isRefused() {
    assertRefused(
        () ->
            InTotoVulnsV02.from(
                json(
                    "{\"scanner\":{\"uri\":\"u\",\"result\":[{\"id\":\"CVE-1\"}]},\"metadata\":"
                        + "{\"scanStartedOn\":\"2025-01-02T03:04:05Z\",\"scanFinishedOn\":\"2025-01-02T03:04:05Z\"}}")),
        "read in-toto vulns predicate: field scanner.result[0].severity: missing");
  }

  @Test
  void inTotoVulns_dbWithoutLastUpdate_isRefused() {
    assertRefused(
        () ->
            InTotoVulnsV02.from(
                json(
                    "{\"scanner\":{\"uri\":\"u\",\"db\":{},\"result\":[]},\"metadata\":"
                        + "{\"scanStartedOn\":\"2025-01-02T03:04:05Z\",\"scanFinishedOn\":\"2025-01-02T03:04:05Z\"}}")),
        "field scanner.db.lastUpdate: missing");
  }

  @Test
  void approval_roundTripsWithOptionalFields() throws Exception {
    ApprovalPredicate approval =
        new ApprovalPredicate(
            "alice@example.com", T1, Optional.of("prod"), Optional.empty(), Optional.of("CHG-1"));

    ObjectNode json = approval.toJson();

    assertEquals(
        "{\"approver\":\"alice@example.com\",\"approvedAt\":\"2025-01-02T03:04:05Z\","
            + "\"environment\":\"prod\",\"ticket\":\"CHG-1\"}",
        json.toString());
    assertEquals(approval, ApprovalPredicate.from(json));
  }

  @Test
  void approval_missingApprovedAt_isRefused() {
    assertRefused(
        () -> ApprovalPredicate.from(json("{\"approver\":\"a\"}")),
        "read approval predicate: field approvedAt: missing");
  }

  @Test
  void approval_emptyApprover_isRefused() {
    assertRefused(
        () ->
            ApprovalPredicate.from(
                json("{\"approver\":\"\",\"approvedAt\":\"2025-01-02T03:04:05Z\"}")),
        "field approver: must not be empty");
  }

  @Test
  void promotion_roundTrips() throws Exception {
    String digest = "sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec";
    PromotionPredicate promotion =
        new PromotionPredicate(
            "staging.example.com/team/app@" + digest,
            "prod.example.com/team/app@" + digest,
            Optional.of(Digest.of(Bytes.utf8("policy"))),
            T2);

    ObjectNode json = promotion.toJson();

    assertEquals(
        "{\"source\":\"staging.example.com/team/app@"
            + digest
            + "\",\"destination\":"
            + "\"prod.example.com/team/app@"
            + digest
            + "\",\"policyDigest\":\""
            + Digest.of(Bytes.utf8("policy"))
            + "\",\"promotedAt\":\"2025-01-02T03:09:05Z\"}",
        json.toString());
    assertEquals(promotion, PromotionPredicate.from(json));
  }

  @Test
  void promotion_unpinnedSource_isRefused() {
    assertRefused(
        () ->
            PromotionPredicate.from(
                json(
                    "{\"source\":\"a.example.com/app:latest\",\"destination\":\"b.example.com/app@"
                        + "sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec\","
                        + "\"promotedAt\":\"2025-01-02T03:09:05Z\"}")),
        "read promotion predicate: field source: expected HOST/REPO@DIGEST");
  }

  @Test
  void promotion_badPolicyDigest_isRefused() {
    String d = "sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec";
    assertRefused(
        () ->
            PromotionPredicate.from(
                json(
                    "{\"source\":\"a.example.com/app@"
                        + d
                        + "\",\"destination\":\"b.example.com/app@"
                        + d
                        + "\",\"policyDigest\":\"md5:x\",\"promotedAt\":\"2025-01-02T03:09:05Z\"}")),
        "field policyDigest: not a digest");
  }
}
