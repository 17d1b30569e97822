package dev.custody.core.internal.notary.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every trust policy of the notation fixtures (README §5), plus Custody's stricter rules. */
class TrustPolicyReaderTest {

  static Path policies() {
    Path cwd = Paths.get("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("signing-core"))) {
        Path p = dir.resolve("../shared/fixtures/notation-e2e/trustpolicies").normalize();
        if (!Files.isDirectory(p)) {
          throw new AssertionError("notation fixtures missing: expected " + p);
        }
        return p;
      }
    }
    throw new AssertionError("repository root not found above " + cwd);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "trustpolicy.json",
        "any_registry_scope_trust_policy.json",
        "permissive_trustpolicy.json",
        "audit_trustpolicy.json",
        "skip_trustpolicy.json",
        "override_strict_trustpolicy.json",
        "override_permissive_trustpolicy.json",
        "override_audit_trustpolicy.json",
        "timestamp_trustpolicy.json",
        "timestamp_after_cert_expiry_trustpolicy.json",
        "valid_trusted_identity_trustpolicy.json",
        "invalid_trusted_identity_trustpolicy.json",
        "multiple_trusted_identity_trustpolicy.json",
        "invalid_trust_store_trustpolicy.json",
        "multiple_trust_store_trustpolicy.json",
        "overlapped_trust_store_trustpolicy.json",
        "registry_scope_trustpolicy.json",
        "multiple_registry_scope_trustpolicy.json",
        "invalid_registry_scope_trustpolicy.json",
        "multi_statements_with_wildcard_registry_scope_trustpolicy.json",
        "quickstart_trustpolicy.json",
        "generate_test_trustpolicy.json"
      })
  void notationAcceptedPolicy_reads(String file) throws Exception {
    TrustPolicyDocument doc = TrustPolicyReader.read(policies().resolve(file));

    assertTrue(!doc.statements().isEmpty());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("malformed_trusted_identity_trustpolicy.json", "missing the separator"),
        Arguments.of("empty_trusted_identity_trustpolicy.json", "empty trusted identity"),
        Arguments.of("unset_trusted_identity_trustpolicy.json",
            "either missing trust stores or trusted identities"),
        Arguments.of("overlapped_trusted_identity_trustpolicy.json",
            "overlapping x509 trusted identities"),
        Arguments.of("wildcard_plus_other_trusted_identity_trustpolicy.json",
            "cannot be used in conjunction with other values"),
        Arguments.of("missing_organization_trusted_identity_trustpolicy.json",
            "no mandatory RDN attribute for \"O\""),
        Arguments.of("missing_state_trusted_identity_trustpolicy.json",
            "no mandatory RDN attribute for \"ST\""),
        Arguments.of("missing_country_trusted_identity_trustpolicy.json",
            "no mandatory RDN attribute for \"C\""),
        Arguments.of("unset_trust_store_trustpolicy.json",
            "either missing trust stores or trusted identities"),
        Arguments.of("malformed_trust_store_trustpolicy.json", "unsupported trust store name \"\""),
        Arguments.of("wildcard_trust_store_trustpolicy.json", "malformed trust store value \"*\""),
        Arguments.of("empty_registry_scope_trustpolicy.json", "zero registry scopes"),
        Arguments.of("malformed_registry_scope_trustpolicy.json",
            "registry scope \"localhost:5000\\test-repo\" is not valid"),
        Arguments.of("overlapped_registry_scope_trustpolicy.json",
            "is present in multiple trust policy statements"),
        Arguments.of("wildcard_plus_other_registry_scope_trustpolicy.json",
            "wildcard scope \"*\" cannot be used in conjunction with other scope values"),
        Arguments.of("multi_statements_with_the_same_registry_scope_trustpolicy.json",
            "registry scope \"localhost:5000/test-repo8\" is present in multiple"),
        Arguments.of("multi_statements_with_multi_wildcard_registry_scope_trustpolicy.json",
            "registry scope \"*\" is present in multiple"),
        Arguments.of("multi_statements_with_the_same_name_trustpolicy.json",
            "multiple trust policy statements use the same name \"e2e\""),
        Arguments.of("override_integrity_for_permissive_trustpolicy.json",
            "\"integrity\" verification can not be overridden"),
        Arguments.of("invalid_format_trustpolicy.json", "malformed JSON"),
        Arguments.of("blob_trust_policy.json", "zero registry scopes"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void notationRejectedPolicy_rejectedWithItsRule(String file, String fragment) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> TrustPolicyReader.read(policies().resolve(file)));

    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().startsWith("read trust policy " + file), e.getMessage());
  }

  @Test
  void overrideStrict_actionsFollowOverridesThenLevel() throws Exception {
    SignatureVerification sv =
        TrustPolicyReader.read(policies().resolve("override_permissive_trustpolicy.json"))
            .statements().get(0).signatureVerification();

    assertEquals(VerificationLevel.PERMISSIVE, sv.level());
    assertEquals(Action.ENFORCE, sv.action(Check.INTEGRITY));
    assertEquals(Action.LOG, sv.action(Check.AUTHENTICITY));
    assertEquals(Action.ENFORCE, sv.action(Check.EXPIRY));
    assertEquals(Action.ENFORCE, sv.action(Check.AUTHENTIC_TIMESTAMP));
    assertEquals(Action.ENFORCE, sv.action(Check.REVOCATION));
  }

  @Test
  void levels_matchNotationsPresets() {
    assertEquals(List.of(Action.ENFORCE, Action.ENFORCE, Action.ENFORCE, Action.ENFORCE,
        Action.ENFORCE), actions(VerificationLevel.STRICT));
    assertEquals(List.of(Action.ENFORCE, Action.ENFORCE, Action.LOG, Action.LOG, Action.LOG),
        actions(VerificationLevel.PERMISSIVE));
    assertEquals(List.of(Action.ENFORCE, Action.LOG, Action.LOG, Action.LOG, Action.LOG),
        actions(VerificationLevel.AUDIT));
    assertEquals(List.of(Action.SKIP, Action.SKIP, Action.SKIP, Action.SKIP, Action.SKIP),
        actions(VerificationLevel.SKIP_LEVEL));
  }

  private static List<Action> actions(VerificationLevel level) {
    return Stream.of(Check.values()).map(level::action).toList();
  }

  @Test
  void skipPolicy_hasNoStoresOrIdentities() throws Exception {
    TrustPolicyStatement s =
        TrustPolicyReader.read(policies().resolve("skip_trustpolicy.json")).statements().get(0);

    assertEquals(VerificationLevel.SKIP_LEVEL, s.signatureVerification().level());
    assertEquals(List.of(), s.trustStores());
    assertEquals(Optional.empty(), s.trustedIdentities());
  }

  @Test
  void timestampPolicy_namesCaAndTsaStores() throws Exception {
    TrustPolicyStatement s =
        TrustPolicyReader.read(policies().resolve("timestamp_after_cert_expiry_trustpolicy.json"))
            .statements().get(0);

    assertEquals(List.of(new TrustStoreRef(TrustStoreType.CA, "e2e")),
        s.trustStores(TrustStoreType.CA));
    assertEquals(List.of(new TrustStoreRef(TrustStoreType.TSA, "e2e")),
        s.trustStores(TrustStoreType.TSA));
    assertEquals(VerifyTimestamp.AFTER_CERT_EXPIRY, s.signatureVerification().verifyTimestamp());
  }

  static Stream<Arguments> strictRules() {
    String ok = "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
        + "\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"*\"]";
    return Stream.of(
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\"," + ok
            + ",\"trustedIdentity\":[]}]}", "trustPolicies[0].trustedIdentity: unknown member"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\","
            + "\"overide\":{}},\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"*\"]}]}",
            "trustPolicies[0].signatureVerification.overide: unknown member"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\"," + ok + "}],"
            + "\"extra\":1}", "document.extra: unknown member"),
        Arguments.of("{\"version\":\"2.0\",\"trustPolicies\":[]}",
            "version: unsupported trust policy document version (expected \"1.0\", got \"2.0\")"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[]}", "zero trust policy statements"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":null}",
            "trustPolicies: expected an array, got null"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"Strict\"},"
            + "\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"*\"]}]}",
            "signatureVerification.level: invalid signature verification level"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\","
            + "\"override\":{\"expiry\":\"skip\"}},\"trustStores\":[\"ca:e2e\"],"
            + "\"trustedIdentities\":[\"*\"]}]}", "\"expiry\" verification can not be skipped"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"skip\","
            + "\"override\":{\"revocation\":\"log\"}}}]}", "\"skip\" cannot be used to customize"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"skip\"},"
            + "\"trustStores\":[\"ca:e2e\"]}]}", "is set to skip signature verification but"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:..\"],\"trustedIdentities\":[\"*\"]}]}",
            "unsupported trust store name \"..\""),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"xyz:e2e\"],\"trustedIdentities\":[\"*\"]}]}",
            "unsupported trust store type \"xyz\""),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"x509.san: a.example\"]}]}",
            "unsupported trusted identity type \"x509.san\""),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"registry.example/app:v1\"],\"signatureVerification\":"
            + "{\"level\":\"strict\"},\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"*\"]}]}",
            "registry scope \"registry.example/app:v1\" is not valid"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\","
            + "\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\","
            + "\"verifyTimestamp\":\"never\"},\"trustStores\":[\"ca:e2e\"],"
            + "\"trustedIdentities\":[\"*\"]}]}", "verifyTimestamp: invalid value"),
        Arguments.of("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"a\",\"name\":\"b\"}]}",
            "malformed JSON: Duplicate field 'name'"));
  }

  @ParameterizedTest
  @MethodSource("strictRules")
  void custodyStrictRule_rejectedNamingTheField(String json, String fragment) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> TrustPolicyReader.read(Bytes.utf8(json), "p"));

    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void oversizedFile_refusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.json");
    Files.write(file, new byte[TrustPolicyReader.MAX_BYTES + 1]);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TrustPolicyReader.read(file));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains("file too large"), e.getMessage());
  }
}
