package dev.custody.core.internal.notary;

import static dev.custody.core.internal.notary.verify.CheckResult.Kind.AUTHENTICITY;
import static dev.custody.core.internal.notary.verify.CheckResult.Kind.AUTHENTIC_TIMESTAMP;
import static dev.custody.core.internal.notary.verify.CheckResult.Kind.EXPIRY;
import static dev.custody.core.internal.notary.verify.CheckResult.Kind.INTEGRITY;
import static dev.custody.core.internal.notary.verify.CheckResult.Kind.TRUSTED_IDENTITY;
import static dev.custody.core.internal.notary.verify.NotaryVerification.Outcome.FAILED;
import static dev.custody.core.internal.notary.verify.NotaryVerification.Outcome.NO_SIGNATURE;
import static dev.custody.core.internal.notary.verify.NotaryVerification.Outcome.SKIPPED;
import static dev.custody.core.internal.notary.verify.NotaryVerification.Outcome.VERIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.InvalidInputException;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.notary.trust.TrustPolicyReader;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStore;
import dev.custody.core.internal.notary.verify.CheckResult;
import dev.custody.core.internal.notary.verify.CheckStatus;
import dev.custody.core.internal.notary.verify.NotaryVerification;
import dev.custody.core.internal.notary.verify.NotaryVerifier;
import dev.custody.core.internal.notary.verify.SignatureCandidate;
import dev.custody.core.internal.notary.verify.SignatureEvaluation;
import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Custody reaches notation's outcome on every scenario of the notation-e2e fixtures README §4
 * (outcomes evaluated there for 2026-11-26, the date of this test's clock).
 */
class NotationFixturesTest {
  /** The README's evaluation date. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  private static final String VALID = "e2e-valid-signature";
  private static final String MULTIPLE = "e2e-valid-multiple-signatures";
  private static final String EXPIRED_SIG = "e2e-expired-signature";
  private static final String INVALID = "e2e-invalid-signature";
  private static final String EXPIRED_CERT = "e2e-with-expired-cert";
  private static final String TIMESTAMPED = "e2e-with-timestamped-signature";
  private static final String BAD_TIMESTAMP = "e2e-with-invalid-timestamped-signature";
  private static final String TIMESTAMPED_ENVELOPE =
      "603ff134e97a79cd7a15560b76137c2c4a10451daab11327a7c6f86dac250fee";
  private static final String TESTCERT11_ENVELOPE =
      "a54333638acfa773a6b25429ee409b558d39c6f3c45dd14f714d72452bc36481";

  @TempDir Path temp;

  /** Trust store recipes of README §6. */
  enum Recipe {
    S1, S2, S3, S4, S5, S6, S7, S7_TSA, S1_TESTCERT11, QUICKSTART, SIGNING_AUTHORITY_ONLY
  }

  record Scenario(
      String layout,
      String policy,
      Recipe recipe,
      NotaryVerification.Outcome outcome,
      CheckResult.Kind rejectedBy,
      Set<CheckResult.Kind> warnings,
      String fragment) {
    @Override
    public String toString() {
      return layout + " + " + policy + " + " + recipe + " -> " + outcome
          + (rejectedBy != null ? " (" + rejectedBy + ")" : "");
    }
  }

  static Scenario ok(String layout, String policy, Recipe recipe, CheckResult.Kind... warnings) {
    return new Scenario(layout, policy, recipe, VERIFIED, null, Set.of(warnings), "");
  }

  static Scenario fails(
      String layout, String policy, Recipe recipe, CheckResult.Kind by, String fragment) {
    return new Scenario(layout, policy, recipe, FAILED, by, Set.of(), fragment);
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        // 4.1 the unsigned image
        new Scenario("e2e", "trustpolicy.json", Recipe.S1, NO_SIGNATURE, null, Set.of(), ""),
        new Scenario("e2e", "skip_trustpolicy.json", Recipe.S1, SKIPPED, null, Set.of(), ""),
        // 4.2 a valid signature
        ok(VALID, "trustpolicy.json", Recipe.S1),
        ok(VALID, "any_registry_scope_trust_policy.json", Recipe.S1),
        ok(VALID, "valid_trusted_identity_trustpolicy.json", Recipe.S1),
        fails(VALID, "invalid_trusted_identity_trustpolicy.json", Recipe.S1, TRUSTED_IDENTITY,
            "does not match the X.509 trusted identities"),
        ok(VALID, "multiple_trust_store_trustpolicy.json", Recipe.S4),
        ok(VALID, "multiple_trusted_identity_trustpolicy.json", Recipe.S5),
        ok(VALID, "overlapped_trust_store_trustpolicy.json", Recipe.S1),
        fails(VALID, "trustpolicy.json", Recipe.S2, AUTHENTICITY,
            "does not contain any trusted certificate"),
        fails(VALID, "permissive_trustpolicy.json", Recipe.S2, AUTHENTICITY,
            "does not contain any trusted certificate"),
        ok(VALID, "audit_trustpolicy.json", Recipe.S2, AUTHENTICITY),
        ok(VALID, "override_strict_trustpolicy.json", Recipe.S2, AUTHENTICITY),
        ok(VALID, "override_permissive_trustpolicy.json", Recipe.S2, AUTHENTICITY),
        fails(VALID, "override_audit_trustpolicy.json", Recipe.S2, AUTHENTICITY,
            "does not contain any trusted certificate"),
        fails(VALID, "invalid_trust_store_trustpolicy.json", Recipe.S1, AUTHENTICITY,
            "trust store \"invalid_store\" of type \"ca\": it does not exist"),
        ok(VALID, "multi_statements_with_wildcard_registry_scope_trustpolicy.json", Recipe.S1),
        fails(VALID, "timestamp_trustpolicy.json", Recipe.S6, AUTHENTIC_TIMESTAMP,
            "no timestamp countersignature was found"),
        ok(VALID, "timestamp_after_cert_expiry_trustpolicy.json", Recipe.S6),
        ok(VALID, "quickstart_trustpolicy.json", Recipe.QUICKSTART),
        // 4.3 two signatures, one good
        ok(MULTIPLE, "trustpolicy.json", Recipe.S1),
        ok(MULTIPLE, "trustpolicy.json", Recipe.S1_TESTCERT11),
        // 4.4 an expired signature
        fails(EXPIRED_SIG, "trustpolicy.json", Recipe.S1, EXPIRY, "digital signature has expired"),
        ok(EXPIRED_SIG, "permissive_trustpolicy.json", Recipe.S1, EXPIRY),
        ok(EXPIRED_SIG, "audit_trustpolicy.json", Recipe.S1, EXPIRY),
        ok(EXPIRED_SIG, "override_strict_trustpolicy.json", Recipe.S1, EXPIRY),
        fails(EXPIRED_SIG, "override_permissive_trustpolicy.json", Recipe.S1, EXPIRY,
            "digital signature has expired"),
        fails(EXPIRED_SIG, "override_audit_trustpolicy.json", Recipe.S1, EXPIRY,
            "digital signature has expired"),
        // 4.5 a signature manifest whose layer is not an envelope
        fails(INVALID, "trustpolicy.json", Recipe.S1, INTEGRITY,
            "signature envelope format with media type \"application/vnd.oci.image.layer.v1.tar\""),
        fails(INVALID, "permissive_trustpolicy.json", Recipe.S1, INTEGRITY, "is not supported"),
        fails(INVALID, "audit_trustpolicy.json", Recipe.S1, INTEGRITY, "is not supported"),
        new Scenario(INVALID, "skip_trustpolicy.json", Recipe.S1, SKIPPED, null, Set.of(), ""),
        // 4.6 signed 2.5 minutes before the certificate expired, no timestamp
        fails(EXPIRED_CERT, "trustpolicy.json", Recipe.S3, AUTHENTIC_TIMESTAMP,
            "is after the validity of certificate \"C=AU,ST=Some-State,O=Internet Widgits Pty Ltd"),
        ok(EXPIRED_CERT, "permissive_trustpolicy.json", Recipe.S3, AUTHENTIC_TIMESTAMP),
        ok(EXPIRED_CERT, "audit_trustpolicy.json", Recipe.S3, AUTHENTIC_TIMESTAMP),
        ok(EXPIRED_CERT, "override_strict_trustpolicy.json", Recipe.S3, AUTHENTIC_TIMESTAMP),
        fails(EXPIRED_CERT, "override_permissive_trustpolicy.json", Recipe.S3,
            AUTHENTIC_TIMESTAMP, "which ended 2023-06-27T06:10:00Z"),
        fails(EXPIRED_CERT, "override_audit_trustpolicy.json", Recipe.S3, AUTHENTIC_TIMESTAMP,
            "which ended 2023-06-27T06:10:00Z"),
        fails(EXPIRED_CERT, "trustpolicy.json", Recipe.S1, AUTHENTICITY,
            "does not contain any trusted certificate"),
        // 4.7 an RFC 3161 timestamped signature (expired since 2025-01-21)
        fails(TIMESTAMPED, "trustpolicy.json", Recipe.S1, AUTHENTICITY,
            "does not contain any trusted certificate"),
        fails(TIMESTAMPED, "trustpolicy.json", Recipe.S7, EXPIRY, "digital signature has expired"),
        fails(TIMESTAMPED, "timestamp_trustpolicy.json", Recipe.S7_TSA, EXPIRY,
            "digital signature has expired"),
        fails(TIMESTAMPED, "timestamp_after_cert_expiry_trustpolicy.json", Recipe.S7_TSA, EXPIRY,
            "digital signature has expired"),
        ok(TIMESTAMPED, "permissive_trustpolicy.json", Recipe.S7, EXPIRY, AUTHENTIC_TIMESTAMP),
        // 4.8 a timestamp that is not a CMS token
        fails(BAD_TIMESTAMP, "trustpolicy.json", Recipe.S1, AUTHENTICITY,
            "does not contain any trusted certificate"),
        fails(BAD_TIMESTAMP, "trustpolicy.json", Recipe.S7, AUTHENTIC_TIMESTAMP,
            "is after the validity of certificate \"CN=testcert7"),
        fails(BAD_TIMESTAMP, "timestamp_trustpolicy.json", Recipe.S7_TSA, AUTHENTIC_TIMESTAMP,
            "failed to parse timestamp countersignature"),
        fails(BAD_TIMESTAMP, "timestamp_after_cert_expiry_trustpolicy.json", Recipe.S7_TSA,
            AUTHENTIC_TIMESTAMP, "failed to parse timestamp countersignature"),
        ok(BAD_TIMESTAMP, "permissive_trustpolicy.json", Recipe.S7, AUTHENTIC_TIMESTAMP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void fixture_withPolicyAndStore_reachesNotationsOutcome(Scenario s) throws Exception {
    NotaryVerification result = verify(s.layout(), s.policy(), s.recipe(), "local/e2e");

    assertEquals(s.outcome(), result.outcome(), () -> describe(result));
    if (s.outcome() == VERIFIED) {
      SignatureEvaluation good =
          result.signatures().stream().filter(SignatureEvaluation::isAccepted).findFirst()
              .orElseThrow();
      Set<CheckResult.Kind> warned =
          good.warnings().stream().map(CheckResult::kind).collect(Collectors.toSet());
      assertEquals(s.warnings(), warned, () -> describe(result));
    }
    if (s.outcome() == FAILED) {
      for (SignatureEvaluation e : result.signatures()) {
        CheckResult rejection = e.rejection().orElseThrow();
        assertEquals(s.rejectedBy(), rejection.kind(), () -> describe(result));
        assertTrue(rejection.detail().contains(s.fragment()),
            () -> "expected \"" + s.fragment() + "\" in: " + rejection.detail());
      }
    }
  }

  @Test
  void multipleSignatures_foundThroughSubject_bothReported() throws Exception {
    NotaryVerification result = verify(MULTIPLE, "trustpolicy.json", Recipe.S1, "local/e2e");

    assertEquals(2, result.signatures().size(), () -> describe(result));
    SignatureEvaluation first = evaluation(result, "sha256:90ceaff2");
    SignatureEvaluation second = evaluation(result, "sha256:c3ebe4a2");
    assertTrue(first.isAccepted());
    assertEquals(AUTHENTICITY, second.rejection().orElseThrow().kind());
  }

  @Test
  void multipleSignatures_testcert11Trusted_secondFailsAuthenticTimestamp() throws Exception {
    NotaryVerification result =
        verify(MULTIPLE, "trustpolicy.json", Recipe.S1_TESTCERT11, "local/e2e");

    CheckResult rejection = evaluation(result, "sha256:c3ebe4a2").rejection().orElseThrow();
    assertEquals(AUTHENTIC_TIMESTAMP, rejection.kind());
    assertTrue(rejection.detail().contains("CN=testcert11"), rejection.detail());
  }

  @Test
  void validSignature_strict_everyCheckPassesAndRevocationIsReportedNotChecked()
      throws Exception {
    NotaryVerification result = verify(VALID, "trustpolicy.json", Recipe.S1, "local/e2e");

    List<CheckResult> results = result.signatures().get(0).results();
    assertEquals(
        List.of(INTEGRITY, AUTHENTICITY, TRUSTED_IDENTITY, EXPIRY, AUTHENTIC_TIMESTAMP,
            CheckResult.Kind.REVOCATION),
        results.stream().map(CheckResult::kind).toList());
    assertEquals(CheckStatus.NOT_CHECKED, results.get(5).status());
    assertTrue(results.subList(0, 5).stream().allMatch(r -> r.status() == CheckStatus.PASSED));
  }

  @Test
  void validSignature_onlySigningAuthorityStore_authenticityFails() throws Exception {
    NotaryVerification result =
        verify(VALID, null, Recipe.SIGNING_AUTHORITY_ONLY, "local/e2e");

    CheckResult rejection = result.signatures().get(0).rejection().orElseThrow();
    assertEquals(AUTHENTICITY, rejection.kind());
    assertTrue(rejection.detail().contains("no trusted certificates are found"),
        rejection.detail());
  }

  @Test
  void registryScopedPolicy_matchingScope_verifies() throws Exception {
    NotaryVerification result =
        verify(VALID, "registry_scope_trustpolicy.json", Recipe.S1, "localhost:5000/test-repo");

    assertEquals(VERIFIED, result.outcome());
    assertEquals("e2e", result.statement());
  }

  @Test
  void registryScopedPolicy_otherScope_noApplicableStatement() throws Exception {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> NotationFixtures.policy("invalid_registry_scope_trustpolicy.json")
                .select("localhost:5000/test-repo"));

    assertTrue(e.getMessage().contains("no applicable trust policy statement"), e.getMessage());
  }

  @Test
  void multiStatements_exactScopeWinsOverWildcard() throws Exception {
    var doc = NotationFixtures.policy(
        "multi_statements_with_wildcard_registry_scope_trustpolicy.json");

    assertEquals("e2e", doc.select("localhost:5000/test-repo9").name());
    assertEquals("e2e2", doc.select("local/e2e").name());
  }

  @Test
  void validSignature_copiedOntoAnotherImage_failsIntegrity() throws Exception {
    LayoutStore layout = NotationFixtures.open(VALID, temp);
    Descriptor v1 = layout.resolve("v1");
    List<SignatureCandidate> candidates = NotationFixtures.signatures(layout, v1);
    Descriptor other =
        Descriptor.of(v1.mediaType(), dev.custody.oci.Digest.of(Bytes.utf8("other")), v1.size());
    TrustPolicyStatement statement =
        NotationFixtures.policy("trustpolicy.json").select("local/e2e");

    NotaryVerification result =
        new NotaryVerifier(TrustStore.at(store(Recipe.S1)), CLOCK, 10)
            .verify(other, candidates, statement);

    CheckResult rejection = result.signatures().get(0).rejection().orElseThrow();
    assertEquals(INTEGRITY, rejection.kind());
    assertTrue(rejection.detail().contains("does not name the artifact"), rejection.detail());
  }

  @Test
  void validSignature_flippedSignatureByte_failsIntegrity() throws Exception {
    LayoutStore layout = NotationFixtures.open(VALID, temp);
    Descriptor v1 = layout.resolve("v1");
    SignatureCandidate original = NotationFixtures.signatures(layout, v1).get(0);
    String text = original.envelope().asUtf8();
    int at = text.indexOf("\"signature\":\"") + 20;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    SignatureCandidate tampered =
        SignatureCandidate.of(original.signatureManifest(), original.envelopeMediaType(),
            Bytes.utf8(text.substring(0, at) + flipped + text.substring(at + 1)));
    TrustPolicyStatement statement =
        NotationFixtures.policy("trustpolicy.json").select("local/e2e");

    NotaryVerification result =
        new NotaryVerifier(TrustStore.at(store(Recipe.S1)), CLOCK, 10)
            .verify(v1, List.of(tampered), statement);

    assertEquals(FAILED, result.outcome());
    CheckResult rejection = result.signatures().get(0).rejection().orElseThrow();
    assertEquals(INTEGRITY, rejection.kind());
    assertTrue(rejection.detail().contains("the signature is not valid for the signing"),
        rejection.detail());
  }

  @Test
  void tooManySignatures_limitExceeded() throws Exception {
    LayoutStore layout = NotationFixtures.open(MULTIPLE, temp);
    Descriptor v1 = layout.resolve("v1");
    List<SignatureCandidate> candidates = NotationFixtures.signatures(layout, v1);
    TrustPolicyStatement statement =
        NotationFixtures.policy("trustpolicy.json").select("local/e2e");

    var e =
        assertThrows(
            dev.custody.sign.VerificationException.class,
            () -> new NotaryVerifier(TrustStore.at(store(Recipe.S1)), CLOCK, 1)
                .verify(v1, candidates, statement));

    assertTrue(e.getMessage().contains("too many signatures (expected at most 1, got 2)"),
        e.getMessage());
  }

  private NotaryVerification verify(String layoutName, String policy, Recipe recipe, String scope)
      throws Exception {
    LayoutStore layout = NotationFixtures.open(layoutName, temp);
    Descriptor v1 = layout.resolve("v1");
    List<SignatureCandidate> candidates = NotationFixtures.signatures(layout, v1);
    TrustPolicyStatement statement =
        policy != null
            ? NotationFixtures.policy(policy).select(scope)
            : TrustPolicyReader.read(
                    Bytes.utf8(
                        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"sa\","
                            + "\"registryScopes\":[\"*\"],\"signatureVerification\":"
                            + "{\"level\":\"strict\"},\"trustStores\":[\"signingAuthority:e2e\"],"
                            + "\"trustedIdentities\":[\"*\"]}]}"),
                    "inline policy")
                .select(scope);
    return new NotaryVerifier(TrustStore.at(store(recipe)), CLOCK, 100)
        .verify(v1, candidates, statement);
  }

  private Path store(Recipe recipe) throws Exception {
    Path dir = temp.resolve("truststore-" + recipe);
    String e2e = "localkeys/e2e.crt";
    switch (recipe) {
      case S1:
        return NotationFixtures.store(dir, "ca/e2e", e2e);
      case S2:
        return NotationFixtures.store(dir, "ca/e2e", "localkeys/new_e2e.crt");
      case S3:
        return NotationFixtures.store(dir, "ca/e2e", "localkeys/expired_e2e.crt");
      case S4:
        return NotationFixtures.store(dir, "ca/e2e", e2e, "ca/e2e-new", "localkeys/new_e2e.crt");
      case S5:
        return NotationFixtures.store(dir, "ca/e2e", e2e, "ca/e2e", "localkeys/new_e2e.crt");
      case S6:
        return NotationFixtures.store(dir, "ca/e2e", e2e,
            "tsa/e2e", "timestamp/globalsignTSARoot.cer",
            "tsa/e2e", "timestamp/DigiCertTSARootSHA384.cer");
      case S7:
        NotationFixtures.store(dir, "ca/e2e", e2e);
        NotationFixtures.storeFromEnvelope(dir, "ca/e2e", TIMESTAMPED, TIMESTAMPED_ENVELOPE,
            "testcert7.crt");
        return dir;
      case S7_TSA:
        NotationFixtures.store(dir, "ca/e2e", e2e,
            "tsa/e2e", "timestamp/globalsignTSARoot.cer",
            "tsa/e2e", "timestamp/DigiCertTSARootSHA384.cer");
        NotationFixtures.storeFromEnvelope(dir, "ca/e2e", TIMESTAMPED, TIMESTAMPED_ENVELOPE,
            "testcert7.crt");
        return dir;
      case S1_TESTCERT11:
        NotationFixtures.store(dir, "ca/e2e", e2e);
        NotationFixtures.storeFromEnvelope(dir, "ca/e2e", MULTIPLE, TESTCERT11_ENVELOPE,
            "testcert11.crt");
        return dir;
      case QUICKSTART:
        return NotationFixtures.store(dir, "ca/wabbit-networks.io", e2e);
      case SIGNING_AUTHORITY_ONLY:
        return NotationFixtures.store(dir, "signingAuthority/e2e", e2e);
      default:
        throw new AssertionError(recipe);
    }
  }

  private static SignatureEvaluation evaluation(NotaryVerification result, String prefix) {
    return result.signatures().stream()
        .filter(e -> e.signatureManifest().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no signature " + prefix + ": " + describe(result)));
  }

  private static String describe(NotaryVerification result) {
    StringBuilder sb = new StringBuilder(result.outcome() + " via " + result.statement());
    for (SignatureEvaluation e : result.signatures()) {
      sb.append("\n  ").append(e.signatureManifest());
      for (CheckResult r : e.results()) {
        sb.append("\n    ").append(r.kind()).append(' ').append(r.action()).append(' ')
            .append(r.status()).append(' ').append(r.detail());
      }
    }
    assertFalse(sb.length() == 0);
    return sb.toString();
  }
}
