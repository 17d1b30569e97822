package dev.custody.core.internal.notary.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.internal.notary.TestPki;
import dev.custody.core.internal.notary.trust.TrustPolicyReader;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStore;
import dev.custody.core.internal.notary.trust.TrustedCertificates;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store is read once per verification, however many signatures it has. */
class NotaryVerifierTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private static final Descriptor ARTIFACT =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

  @TempDir Path temp;

  @Test
  void fiveSignaturesByFiveTrustedSigners_storeReadOncePerVerification() throws Exception {
    List<SignatureCandidate> candidates = new ArrayList<>();
    List<X509Certificate> trusted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      KeyPair keys = TestPki.ec();
      String dn = "CN=Signer " + i + ",O=Custody Test,ST=WA,C=US";
      X509Certificate self =
          TestPki.cert(dn, keys, dn, keys.getPrivate(), false, -1, KeyPurposeId.id_kp_codeSigning);
      trusted.add(self);
      candidates.add(
          SignatureCandidate.of(
              "sha256:signature" + i,
              "application/jose+json",
              TestPki.envelope("ES256", keys.getPrivate(), List.of(self),
                  ARTIFACT.digest().toString(), ARTIFACT.size(), "2026-01-02T03:04:05Z", null)));
    }
    TrustStore disk = TrustStore.at(store(trusted));
    AtomicInteger reads = new AtomicInteger();
    TrustedCertificates counting =
        ref -> {
          reads.incrementAndGet();
          return disk.certificates(ref);
        };
    NotaryVerifier verifier = new NotaryVerifier(counting, CLOCK, 10);

    NotaryVerification first = verifier.verify(ARTIFACT, candidates, strict());
    int afterFirst = reads.get();
    NotaryVerification second = verifier.verify(ARTIFACT, candidates, strict());

    assertEquals(NotaryVerification.Outcome.VERIFIED, first.outcome(), first::toString);
    assertEquals(5, first.signatures().size());
    assertTrue(first.signatures().stream().allMatch(SignatureEvaluation::isAccepted),
        first::toString);
    assertEquals(first, second);
    assertEquals(1, afterFirst, "reads of store ca:e2e during one verification of 5 signatures");
    assertEquals(2, reads.get(), "the next verification reads the store again");
  }

  private static TrustPolicyStatement strict() throws Exception {
    return TrustPolicyReader.read(Bytes.utf8("{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":"
        + "\"t\",\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"strict\"},"
        + "\"trustStores\":[\"ca:e2e\"],\"trustedIdentities\":[\"*\"]}]}"), "t")
        .select("local/test");
  }

  private Path store(List<X509Certificate> certificates) throws Exception {
    Path named = Files.createDirectories(temp.resolve("x509/ca/e2e"));
    for (int i = 0; i < certificates.size(); i++) {
      Files.write(named.resolve("trusted" + i + ".crt"), certificates.get(i).getEncoded());
    }
    return temp;
  }
}
