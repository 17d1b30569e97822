package dev.custody.core.internal.notary.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.internal.notary.TestPki;
import dev.custody.core.internal.notary.trust.TrustPolicyReader;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStore;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain rules, PKIX through intermediates and the algorithm pin, with certificates made here. */
class NotaryTrustEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final String SIGNED_AT = "2026-01-02T03:04:05Z";
  private static final Descriptor ARTIFACT =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

  static KeyPair rootKeys;
  static KeyPair intermediateKeys;
  static KeyPair leafKeys;
  static X509Certificate root;
  static X509Certificate intermediate;
  static X509Certificate leaf;

  @TempDir Path temp;

  @BeforeAll
  static void pki() throws Exception {
    rootKeys = TestPki.ec();
    intermediateKeys = TestPki.ec();
    leafKeys = TestPki.ec();
    String rootDn = "CN=Root,O=Custody Test,ST=WA,C=US";
    String intDn = "CN=Intermediate,O=Custody Test,ST=WA,C=US";
    root = TestPki.cert(rootDn, rootKeys, rootDn, rootKeys.getPrivate(), true, 1, null);
    intermediate = TestPki.cert(intDn, intermediateKeys, rootDn, rootKeys.getPrivate(),
        true, 0, null);
    leaf = TestPki.cert("CN=Signer,O=Custody Test,ST=WA,C=US", leafKeys, intDn,
        intermediateKeys.getPrivate(), false, -1, KeyPurposeId.id_kp_codeSigning);
  }

  @Test
  void es256ChainThroughIntermediate_rootTrusted_verifies() throws Exception {
    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf, intermediate, root)),
        strict("*"), store(root));

    assertTrue(e.isAccepted(), e::toString);
  }

  @Test
  void es256ChainThroughIntermediate_intermediateTrusted_verifies() throws Exception {
    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf, intermediate, root)),
        strict("*"), store(intermediate));

    assertTrue(e.isAccepted(), e::toString);
  }

  @Test
  void chainWithoutRoot_failsIntegrity() throws Exception {
    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf, intermediate)),
        strict("*"), store(intermediate));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "must end with a root");
  }

  @Test
  void chainOutOfOrder_failsIntegrity() throws Exception {
    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf, root, intermediate)),
        strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "is not issued and signed by the next");
  }

  @Test
  void headerAlgDiffersFromKey_refusedBeforeSignatureCheck() throws Exception {
    KeyPair rsa = TestPki.rsa(2048);
    String dn = "CN=Rsa,O=Custody Test,ST=WA,C=US";
    X509Certificate self = TestPki.cert(dn, rsa, dn, rsa.getPrivate(), false, -1, null);
    Bytes env = TestPki.envelope("PS384", rsa.getPrivate(), List.of(self),
        ARTIFACT.digest().toString(), ARTIFACT.size(), SIGNED_AT, null);

    SignatureEvaluation e = evaluate(env, strict("*"), store(self));

    assertRejected(e, CheckResult.Kind.INTEGRITY,
        "algorithm does not match the key (expected PS256 from the key, got alg PS384)");
  }

  @Test
  void rsaSelfSignedLeaf_ps256_verifies() throws Exception {
    KeyPair rsa = TestPki.rsa(2048);
    String dn = "CN=Rsa,O=Custody Test,ST=WA,C=US";
    X509Certificate self = TestPki.cert(dn, rsa, dn, rsa.getPrivate(), false, -1,
        KeyPurposeId.id_kp_codeSigning);
    Bytes env = TestPki.envelope("PS256", rsa.getPrivate(), List.of(self),
        ARTIFACT.digest().toString(), ARTIFACT.size(), SIGNED_AT, null);

    SignatureEvaluation e = evaluate(env, strict("*"), store(self));

    assertTrue(e.isAccepted(), e::toString);
  }

  @Test
  void leafWithServerAuthEku_failsIntegrity() throws Exception {
    X509Certificate tls = TestPki.cert("CN=TLS,O=Custody Test,ST=WA,C=US", leafKeys,
        "CN=Intermediate,O=Custody Test,ST=WA,C=US", intermediateKeys.getPrivate(), false, -1,
        KeyPurposeId.id_kp_serverAuth);

    SignatureEvaluation e = evaluate(envelope("ES256", List.of(tls, intermediate, root)),
        strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "1.3.6.1.5.5.7.3.1 is not allowed");
  }

  @Test
  void pathLengthExceeded_failsIntegrity() throws Exception {
    KeyPair k2 = TestPki.ec();
    String int2Dn = "CN=Intermediate2,O=Custody Test,ST=WA,C=US";
    X509Certificate int2 = TestPki.cert(int2Dn, k2,
        "CN=Intermediate,O=Custody Test,ST=WA,C=US", intermediateKeys.getPrivate(), true, -1, null);
    X509Certificate leaf2 = TestPki.cert("CN=Signer,O=Custody Test,ST=WA,C=US", leafKeys,
        int2Dn, k2.getPrivate(), false, -1, null);

    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf2, int2, intermediate, root)),
        strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "path length constraint 0 exceeded");
  }

  @Test
  void signingTimeOutsideValidity_failsIntegrity() throws Exception {
    Bytes env = TestPki.envelope("ES256", leafKeys.getPrivate(),
        List.of(leaf, intermediate, root), ARTIFACT.digest().toString(), ARTIFACT.size(),
        "2024-06-01T00:00:00Z", null);

    SignatureEvaluation e = evaluate(env, strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "was invalid at signing time");
  }

  @Test
  void rsa1024Leaf_failsIntegrity() throws Exception {
    KeyPair small = TestPki.rsa(1024);
    String dn = "CN=Small,O=Custody Test,ST=WA,C=US";
    X509Certificate self = TestPki.cert(dn, small, dn, small.getPrivate(), false, -1, null);

    SignatureEvaluation e = evaluate(
        Bytes.utf8(TestPki.envelope("ES256", leafKeys.getPrivate(), List.of(leaf, intermediate,
            root), ARTIFACT.digest().toString(), ARTIFACT.size(), SIGNED_AT, null).asUtf8()
            .replaceFirst("\"x5c\":\\[\"[^\"]+\"", "\"x5c\":[\"" + java.util.Base64.getEncoder()
                .encodeToString(self.getEncoded()) + "\"")),
        strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.INTEGRITY, "unsupported key: RSA 1024 bits");
  }

  @Test
  void trustedIdentity_subsetOfLeafSubject_matches() throws Exception {
    SignatureEvaluation ok = evaluate(envelope("ES256", List.of(leaf, intermediate, root)),
        strictWithIdentity("x509.subject: C=US, ST=WA, O=Custody Test"), store(root));
    SignatureEvaluation no = evaluate(envelope("ES256", List.of(leaf, intermediate, root)),
        strictWithIdentity("x509.subject: C=US, ST=WA, O=Custody Test, CN=Someone Else"),
        store(root));

    assertTrue(ok.isAccepted(), ok::toString);
    assertRejected(no, CheckResult.Kind.TRUSTED_IDENTITY, "does not match");
  }

  @Test
  void expiredSignature_strict_failsExpiry() throws Exception {
    Bytes env = TestPki.envelope("ES256", leafKeys.getPrivate(),
        List.of(leaf, intermediate, root), ARTIFACT.digest().toString(), ARTIFACT.size(),
        SIGNED_AT, "2026-01-03T00:00:00Z");

    SignatureEvaluation e = evaluate(env, strict("*"), store(root));

    assertRejected(e, CheckResult.Kind.EXPIRY, "digital signature has expired on 2026-01-03");
  }

  @Test
  void storeWithSubdirectory_authenticityFailsNamingIt() throws Exception {
    Path dir = store(root);
    Files.createDirectories(dir.resolve("x509/ca/e2e/nested"));

    SignatureEvaluation e = evaluate(envelope("ES256", List.of(leaf, intermediate, root)),
        strict("*"), dir);

    assertRejected(e, CheckResult.Kind.AUTHENTICITY, "nested is a directory or symlink");
  }

  private static void assertRejected(SignatureEvaluation e, CheckResult.Kind kind, String text) {
    Optional<CheckResult> r = e.rejection();
    assertTrue(r.isPresent(), e::toString);
    assertEquals(kind, r.get().kind(), e::toString);
    assertTrue(r.get().detail().contains(text), r.get().detail());
  }

  private static Bytes envelope(String alg, List<X509Certificate> chain) throws Exception {
    return TestPki.envelope(alg, leafKeys.getPrivate(), chain,
        ARTIFACT.digest().toString(), ARTIFACT.size(), SIGNED_AT, null);
  }

  private static SignatureEvaluation evaluate(Bytes envelope, TrustPolicyStatement s, Path store) {
    return NotaryTrustEvaluator.evaluate(
        SignatureCandidate.of("sha256:test", "application/jose+json", envelope),
        ARTIFACT, s, TrustStore.at(store), NOW);
  }

  private static TrustPolicyStatement strict(String identity) throws Exception {
    return TrustPolicyReader.read(Bytes.utf8("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":"
        + "\"t\",\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
        + "\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"" + identity + "\"]}]}"), "t")
        .select("local/test");
  }

  private static TrustPolicyStatement strictWithIdentity(String identity) throws Exception {
    return strict(identity);
  }

  private Path store(X509Certificate cert) throws Exception {
    Path dir = Files.createTempDirectory(temp, "ts");
    Path named = Files.createDirectories(dir.resolve("x509/ca/e2e"));
    Files.write(named.resolve("trusted.crt"), cert.getEncoded());
    return dir;
  }
}
