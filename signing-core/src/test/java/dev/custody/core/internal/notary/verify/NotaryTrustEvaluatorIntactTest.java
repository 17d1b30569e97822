package dev.custody.core.internal.notary.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NotaryTrustEvaluator#evaluateIntact} (integrity already established by the caller) gives
 * exactly what {@link NotaryTrustEvaluator#evaluate} gives for the same envelope, whichever check
 * decides.
 */
class NotaryTrustEvaluatorIntactTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final String JWS = "application/jose+json";
  private static final Descriptor ARTIFACT =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

  static KeyPair keys;
  static X509Certificate signer;
  static X509Certificate stranger;

  @TempDir Path temp;

  @BeforeAll
  static void pki() throws Exception {
    keys = TestPki.ec();
    String dn = "CN=Signer,O=Custody Test,ST=WA,C=US";
    signer = TestPki.cert(dn, keys, dn, keys.getPrivate(), false, -1,
        KeyPurposeId.id_kp_codeSigning);
    KeyPair other = TestPki.ec();
    String otherDn = "CN=Stranger,O=Custody Test,ST=WA,C=US";
    stranger = TestPki.cert(otherDn, other, otherDn, other.getPrivate(), true, -1, null);
  }

  @Test
  void trustedSigner_acceptedAlike() throws Exception {
    assertSame(envelope(null), policy("strict", "*"), store(signer), true);
  }

  @Test
  void signerNotInStore_authenticityFailsAlike() throws Exception {
    assertSame(envelope(null), policy("strict", "*"), store(stranger), false);
  }

  @Test
  void storeMissing_authenticityFailsAlike() throws Exception {
    assertSame(envelope(null), policy("strict", "*"), temp, false);
  }

  @Test
  void otherIdentity_trustedIdentityFailsAlike() throws Exception {
    assertSame(envelope(null), policy("strict", "x509.subject: CN=Someone Else,O=Custody Test,ST=WA,C=US"),
        store(signer), false);
  }

  @Test
  void expired_permissive_loggedAlike() throws Exception {
    assertSame(envelope("2026-01-03T00:00:00Z"), policy("permissive", "*"), store(signer), true);
  }

  @Test
  void expired_strict_rejectedAlike() throws Exception {
    assertSame(envelope("2026-01-03T00:00:00Z"), policy("strict", "*"), store(signer), false);
  }

  @Test
  void skipLevel_refusedAsCallerMistake() throws Exception {
    SignerInfo info = NotaryEnvelopes.verify(JWS, envelope(null));
    TrustPolicyStatement skip = policy("skip", "*");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> NotaryTrustEvaluator.evaluateIntact(
                "sha256:test", info, skip, TrustStore.at(temp), NOW));
    assertEquals("statement t skips verification", e.getMessage());
  }

  private static void assertSame(
      Bytes envelope, TrustPolicyStatement statement, Path store, boolean accepted)
      throws Exception {
    SignatureEvaluation full =
        NotaryTrustEvaluator.evaluate(
            SignatureCandidate.of("sha256:test", JWS, envelope),
            ARTIFACT, statement, TrustStore.at(store), NOW);
    SignatureEvaluation intact =
        NotaryTrustEvaluator.evaluateIntact(
            "sha256:test", NotaryEnvelopes.verify(JWS, envelope), statement, TrustStore.at(store),
            NOW);

    assertEquals(full, intact);
    assertEquals(accepted, intact.isAccepted(), intact::toString);
    assertTrue(intact.results().size() > 1, intact::toString);
  }

  private static Bytes envelope(String expiry) throws Exception {
    return TestPki.envelope("ES256", keys.getPrivate(), List.of(signer),
        ARTIFACT.digest().toString(), ARTIFACT.size(), "2026-01-02T03:04:05Z", expiry);
  }

  private static TrustPolicyStatement policy(String level, String identity) throws Exception {
    String trust = level.equals("skip")
        ? ""
        : ",\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"" + identity + "\"]";
    return TrustPolicyReader.read(Bytes.utf8("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":"
        + "\"t\",\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"" + level
        + "\"}" + trust + "}]}"), "t")
        .select("local/test");
  }

  private Path store(X509Certificate cert) throws Exception {
    Path dir = Files.createTempDirectory(temp, "ts");
    Path named = Files.createDirectories(dir.resolve("x509/ca/e2e"));
    Files.write(named.resolve("trusted.crt"), cert.getEncoded());
    return dir;
  }
}
