package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.sign.KeyType;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Bouncy Castle fast path for certificate signatures keeps the JDK's verdicts. */
class CertificateSignaturesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static X509Certificate generate(KeyType type) throws Exception {
    return TestCertificates.generate("example.com", type, Duration.ofDays(30), NOW, new SecureRandom())
        .certificate();
  }

  /** The same certificate with one byte of its signature value XORed (the BIT STRING is last). */
  private static X509Certificate tampered(X509Certificate cert, int fromEnd, int mask)
      throws Exception {
    byte[] der = cert.getEncoded();
    byte[] signature = cert.getSignature();
    assertArrayEquals(signature, Arrays.copyOfRange(der, der.length - signature.length, der.length));
    der[der.length - 1 - fromEnd] ^= (byte) mask;
    return Certificates.parse(der, "tampered");
  }

  private static boolean jdkAccepts(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384"})
  void ecdsaCertificate_validSignature_acceptedByFastPath(KeyType type) throws Exception {
    X509Certificate cert = generate(type);

    assertTrue(CertificateSignatures.fastPathAccepts(cert, cert.getPublicKey()));
    assertTrue(CertificateSignatures.signedBy(cert, cert.getPublicKey()));
  }

  @Test
  void ecdsaCertificate_tamperedSignature_rejectedByFastPathAndJdk() throws Exception {
    X509Certificate cert = generate(KeyType.EC_P256);
    X509Certificate bad = tampered(cert, 0, 0x01); // last byte of s

    assertFalse(CertificateSignatures.fastPathAccepts(bad, bad.getPublicKey()));
    assertFalse(CertificateSignatures.signedBy(bad, bad.getPublicKey()));
    SignatureException jdk =
        assertThrows(SignatureException.class, () -> bad.verify(bad.getPublicKey()));
    assertTrue(jdk.getMessage() == null || !jdk.getMessage().isEmpty());
  }

  @Test
  void ecdsaCertificate_everySignatureByteFlipped_sameVerdictAsJdk() throws Exception {
    X509Certificate cert = generate(KeyType.EC_P256);
    int length = cert.getSignature().length;
    for (int i = 0; i < length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        X509Certificate bad = tampered(cert, i, mask);
        boolean ours = CertificateSignatures.signedBy(bad, cert.getPublicKey());
        assertEquals(jdkAccepts(bad, cert), ours, "byte " + i + " from the end, mask " + mask);
        assertFalse(ours, "byte " + i + " from the end, mask " + mask);
      }
    }
  }

  @Test
  void ecdsaCertificate_otherKey_rejected() throws Exception {
    X509Certificate cert = generate(KeyType.EC_P256);
    X509Certificate other = generate(KeyType.EC_P256);

    assertFalse(CertificateSignatures.fastPathAccepts(cert, other.getPublicKey()));
    assertFalse(CertificateSignatures.signedBy(cert, other.getPublicKey()));
    assertFalse(jdkAccepts(cert, other));
  }

  @Test
  void rsaCertificate_outsideFastPath_jdkDecides() throws Exception {
    X509Certificate cert = generate(KeyType.RSA);

    assertFalse(CertificateSignatures.fastPathAccepts(cert, cert.getPublicKey()));
    assertTrue(CertificateSignatures.signedBy(cert, cert.getPublicKey()));
    assertFalse(CertificateSignatures.signedBy(tampered(cert, 0, 0x01), cert.getPublicKey()));
  }
}
