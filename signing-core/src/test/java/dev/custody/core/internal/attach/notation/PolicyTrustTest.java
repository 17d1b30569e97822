package dev.custody.core.internal.attach.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.internal.pki.CertificateIdentities;
import dev.custody.Bytes;
import dev.custody.core.internal.notary.TestPki;
import dev.custody.core.internal.notary.trust.TrustStore;
import dev.custody.core.internal.notary.trust.TrustedCertificates;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy trust reads each trust store once for all the signatures it decides: for the
 * evaluator's authenticity check and for naming the trust anchor alike.
 */
class PolicyTrustTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Descriptor IMAGE =
      Descriptor.ofContent(MediaType.OCI_MANIFEST, Bytes.utf8("{\"schemaVersion\":2}"));

  @TempDir Path temp;

  @Test
  void fourTrustedSignatures_storeReadOnce_eachNamedByItsCertificate() throws Exception {
    List<VerifiedEnvelope> envelopes = new ArrayList<>();
    List<X509Certificate> trusted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      KeyPair keys = TestPki.ec();
      String dn = "CN=Signer " + i + ",O=Custody Test,ST=WA,C=US";
      X509Certificate self =
          TestPki.cert(dn, keys, dn, keys.getPrivate(), false, -1, KeyPurposeId.id_kp_codeSigning);
      trusted.add(self);
      Bytes envelope =
          TestPki.envelope("ES256", keys.getPrivate(), List.of(self), IMAGE.digest().toString(),
              IMAGE.size(), "2026-01-02T03:04:05Z", null);
      EnvelopeIntegrity.Result integrity =
          EnvelopeIntegrity.check(
              Candidate.of(
                  Digest.of(envelope), MediaType.of("application/jose+json"), envelope),
              IMAGE);
      envelopes.add(integrity.verified().orElseThrow(() -> new AssertionError(integrity)));
    }
    TrustStore disk =
        TrustStore.at(
            NotationTestSupport.trustStore(
                temp.resolve("truststore"), "e2e", trusted.toArray(new X509Certificate[0])));
    AtomicInteger reads = new AtomicInteger();
    TrustedCertificates counting =
        ref -> {
          reads.incrementAndGet();
          return disk.certificates(ref);
        };
    PolicyTrust trust =
        PolicyTrust.load(
            NotationTestSupport.trustPolicy(temp.resolve("trustpolicy.json"), "e2e", "strict"),
            counting,
            "localhost:5000/app",
            NOW);

    for (int i = 0; i < envelopes.size(); i++) {
      TrustDecision decision = trust.decide(envelopes.get(i), IMAGE);

      assertTrue(decision.isAccepted(), decision::toString);
      assertEquals(
          CertificateIdentities.certificate(trusted.get(i), CertificateIdentities.der(trusted.get(i))),
          decision.identity().orElseThrow());
    }
    assertEquals(1, reads.get(), "reads of store ca:e2e while deciding 4 signatures");
  }
}
