package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The self-signed code-signing certificate for trying out Notary (FORMATS.md §5.5 leaf rules). */
class TestCertificatesTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource({"EC_P256, ECDSA_P256_SHA256, SHA256withECDSA", "EC_P384, ECDSA_P384_SHA384, SHA384withECDSA", "RSA, RSA_PSS_SHA384, SHA384withRSA"})
  void generate_meetsNotaryLeafRules(KeyType type, SignatureAlgorithm algorithm, String sigAlg) throws Exception {
    TestCertificates.TestCertificate generated =
        TestCertificates.generate("example.com", type, Duration.ofDays(30), NOW, new SecureRandom());
    X509Certificate cert = generated.certificate();

    cert.verify(cert.getPublicKey());  // self-signed
    assertEquals(sigAlg, cert.getSigAlgName());
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
    String subject = cert.getSubjectX500Principal().getName();
    assertTrue(subject.contains("CN=example.com"), subject);
    assertTrue(subject.contains("NOT FOR PRODUCTION"), subject);
    assertEquals(-1, cert.getBasicConstraints(), "cA=false");
    assertTrue(cert.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
    boolean[] usage = cert.getKeyUsage();
    assertTrue(usage[0], "digitalSignature");
    for (int i = 1; i < usage.length; i++) {
      assertEquals(false, usage[i], "key usage bit " + i);
    }
    assertEquals(List.of("1.3.6.1.5.5.7.3.3"), cert.getExtendedKeyUsage());
    assertEquals(NOW, cert.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofDays(30)), cert.getNotAfter().toInstant());
    if (type == KeyType.RSA) {
      assertEquals(3072, generated.key().publicKey().keySizeBits());
    }

    Signer signer = generated.signer();
    assertEquals(algorithm, signer.algorithm());
    Bytes message = Bytes.utf8("{\"targetArtifact\":{}}");
    Bytes signature = signer.sign(message);
    BcVerifiers.of(Certificates.publicKey(cert, "cert").withAlgorithm(algorithm)).verify(message, signature);
  }

  @Test
  void generate_pemRoundTrip_readsBackSameCertificate() throws Exception {
    TestCertificates.TestCertificate generated =
        TestCertificates.generate("roundtrip", KeyType.EC_P256, TestCertificates.DEFAULT_VALIDITY, NOW, new SecureRandom());
    String pem = Certificates.pem(generated.certificate()) + Certificates.pem(generated.certificate());
    List<X509Certificate> chain = Certificates.readChain(pem.getBytes(StandardCharsets.US_ASCII), "chain.pem");
    assertEquals(2, chain.size());
    assertEquals(generated.certificate(), chain.get(0));
    assertEquals(generated.key().publicKey(), Certificates.publicKey(chain.get(0), "chain.pem"));
  }

  @Test
  void generate_ed25519_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TestCertificates.generate("x", KeyType.ED25519, Duration.ofDays(1), NOW, new SecureRandom()));
    assertEquals("Notary test certificates use RSA, EC P-256 or EC P-384 keys, not ED25519", e.getMessage());
  }
}
