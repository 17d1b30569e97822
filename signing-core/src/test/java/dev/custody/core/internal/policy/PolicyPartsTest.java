package dev.custody.core.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.core.internal.pki.SubjectPatterns;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Condition;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.Scalar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scopes, signed times, DN patterns and conditions. */
class PolicyPartsTest {
  private static boolean governs(String scope, String image) {
    return ScopeGlob.governs(List.of(scope), ImageReference.parse(image), Optional.empty());
  }

  @Test
  void scopeGlob_wholeStringOverHostAndRepository() {
    assertTrue(governs("myacr.azurecr.io/payments/*", "myacr.azurecr.io/payments/api:1.4"));
    assertFalse(governs("myacr.azurecr.io/payments/*", "myacr.azurecr.io/payments/api/v2:1"));
    assertTrue(governs("myacr.azurecr.io/payments/**", "myacr.azurecr.io/payments/api/v2:1"));
    assertFalse(governs("myacr.azurecr.io/pay", "myacr.azurecr.io/payments:1"));
    assertTrue(governs("docker.io/library/*", "ubuntu"));
    assertFalse(governs("myacr.azurecr.io/payments/*", "oci:/tmp/layout"));
    assertTrue(governs("oci:*", "oci:/tmp/layout:v1"));
    assertTrue(ScopeGlob.governs(List.of("myacr.azurecr.io/payments/*"), ImageReference.parse("oci:/tmp/l"),
        Optional.of("myacr.azurecr.io/payments/api")));
  }

  @Test
  void signedTimes_readFromEachPredicateType() throws Exception {
    assertEquals(Optional.of(Instant.parse("2025-01-02T03:09:05Z")), SignedTimes.fromPredicate(SignedTimes.SLSA_PROVENANCE_V1,
        json("{\"runDetails\":{\"metadata\":{\"finishedOn\":\"2025-01-02T03:09:05Z\"}}}")));
    assertEquals(Optional.of(Instant.parse("2025-01-02T03:05:05.5Z")), SignedTimes.fromPredicate(SignedTimes.COSIGN_VULN_V1,
        json("{\"metadata\":{\"scanFinishedOn\":\"2025-01-02T04:05:05.5+01:00\"}}")));
    assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), SignedTimes.fromPredicate(SignedTimes.APPROVAL_V1,
        json("{\"approvedAt\":\"2026-01-01T00:00:00Z\"}")));
    assertEquals(Optional.of(Instant.parse("2026-01-02T00:00:00Z")), SignedTimes.fromPredicate(SignedTimes.PROMOTION_V1,
        json("{\"promotedAt\":\"2026-01-02T00:00:00Z\"}")));
    assertEquals(Optional.empty(), SignedTimes.fromPredicate("https://spdx.dev/Document", json("{\"approvedAt\":\"2026-01-01T00:00:00Z\"}")));
    assertEquals(Optional.of(Instant.ofEpochSecond(1700000000)), SignedTimes.fromCosignPayload(json("{\"optional\":{\"timestamp\":1700000000}}")));
    assertEquals(Optional.empty(), SignedTimes.fromCosignPayload(json("{\"optional\":null}")));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SignedTimes.fromPredicate(SignedTimes.APPROVAL_V1, json("{\"approvedAt\":\"monday\"}")));
    assertTrue(e.getMessage().contains("not an RFC 3339 time"), e.getMessage());
  }

  @Test
  void notationSigningTime_becomesSignedTime() {
    var e = VerifiedEvidence.notationSignature(PolicyFixtures.identity(dev.custody.policy.TrustedSigner.publicKey("n",
        PolicyFixtures.newKey())), PolicyFixtures.IMAGE, PolicyFixtures.ref("n"), Bytes.utf8("{\"targetArtifact\":{}}"),
        Optional.of("2026-03-04T05:06:07Z"));
    assertEquals(Optional.of(Instant.parse("2026-03-04T05:06:07Z")), e.signedTime());
  }

  @Test
  void distinguishedNames_wholeValueWildcardOnly() {
    assertTrue(SubjectPatterns.matches("CN=Release Signing,O=Example", "cn=release signing, o=Example"));
    assertTrue(SubjectPatterns.matches("CN=*,O=Example", "CN=Anyone,O=Example"));
    assertFalse(SubjectPatterns.matches("CN=*,O=Example", "CN=Anyone,O=Example,C=US"));
    assertFalse(SubjectPatterns.matches("CN=Release Signing,O=Example", "CN=Release Signing,O=Evil"));
    assertFalse(SubjectPatterns.matches("CN=Rel,O=Example", "CN=Release,O=Example"));
  }

  @Test
  void conditions_missingFieldFailsAllButExistsFalse() throws Exception {
    JsonNode content = json("{\"a\":{\"n\":3,\"s\":\"x\",\"b\":true,\"z\":null}}");
    for (Condition c : List.of(Condition.equalTo("/a/m", Scalar.string("x")), Condition.oneOf("/a/m", List.of(Scalar.bool(true))),
        Condition.matches("/a/m", ".*"), Condition.atMost("/a/m", BigDecimal.TEN), Condition.atLeast("/a/m", BigDecimal.ZERO),
        Condition.exists("/a/m", true))) {
      var failure = ConditionCheck.check(c, content);
      assertEquals(Optional.of(ReasonCode.CONDITION_FAILED), failure.map(ConditionCheck.Failure::reason), c.toString());
      assertTrue(failure.get().detail().startsWith("/a/m is missing"), failure.get().detail());
    }
    assertEquals(Optional.empty(), ConditionCheck.check(Condition.exists("/a/m", false), content));
    assertEquals(Optional.empty(), ConditionCheck.check(Condition.exists("/a/z", true), content));
    assertEquals(Optional.empty(), ConditionCheck.check(Condition.equalTo("/a/n", Scalar.number(new BigDecimal("3.0"))), content));
    assertTrue(ConditionCheck.check(Condition.equalTo("/a/n", Scalar.string("3")), content).isPresent());
    assertEquals(Optional.empty(), ConditionCheck.check(Condition.oneOf("/a/b", List.of(Scalar.string("true"), Scalar.bool(true))), content));
    assertTrue(ConditionCheck.check(Condition.matches("/a/s", "x|y"), content).isEmpty());
    assertTrue(ConditionCheck.check(Condition.matches("/a/s", "x.+"), content).isPresent());
    assertTrue(ConditionCheck.check(Condition.atLeast("/a/n", new BigDecimal("3")), content).isEmpty());
    assertEquals("/a/n is 3 (expected atMost 2)",
        ConditionCheck.check(Condition.atMost("/a/n", new BigDecimal("2")), content).get().detail());
  }

  private static JsonNode json(String text) throws InvalidInputException {
    return Json.read(Bytes.utf8(text), "test");
  }
}
