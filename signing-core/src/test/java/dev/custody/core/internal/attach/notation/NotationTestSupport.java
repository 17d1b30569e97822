package dev.custody.core.internal.attach.notation;

import dev.custody.Bytes;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.crypto.TestCertificates;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.policy.Evidence;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignOptions;
import dev.custody.verify.SignatureReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Test certificates, notation trust stores and trust policies written into temporary folders. */
final class NotationTestSupport {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NotationTestSupport() {}

  /** {@return a P-256 key with a self-signed code-signing certificate valid from {@code from}} */
  static TestCertificate certificate(String commonName, Instant from) throws Exception {
    return TestCertificates.generate(
        commonName, KeyType.EC_P256, Duration.ofDays(365), from, RANDOM);
  }

  /** {@return a certificate valid from a day ago for a year} */
  static TestCertificate certificate(String commonName) throws Exception {
    return certificate(commonName, Instant.now().minus(Duration.ofDays(1)));
  }

  static Bytes der(X509Certificate certificate) {
    try {
      return Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return sign options for a Notary signature with {@code certificate} as the whole chain} */
  static SignOptions notary(TestCertificate certificate) {
    return SignOptions.builder()
        .format(SignatureFormat.NOTATION)
        .certificateChain(List.of(der(certificate.certificate())))
        .build();
  }

  /**
   * Writes a notation trust store holding {@code certificates} as {@code x509/ca/<name>/cert.pem}.
   *
   * @return the trust store root
   */
  static Path trustStore(Path dir, String name, X509Certificate... certificates)
      throws IOException {
    Path store = Files.createDirectories(dir.resolve("x509").resolve("ca").resolve(name));
    StringBuilder pem = new StringBuilder();
    for (X509Certificate c : certificates) {
      pem.append(Certificates.pem(c));
    }
    Files.writeString(store.resolve("cert.pem"), pem);
    return dir;
  }

  /**
   * Writes a trust policy with one global statement of {@code level} trusting store {@code
   * ca:<store>}.
   */
  static Path trustPolicy(Path file, String store, String level) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"test\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\""
            + level
            + "\"},\"trustStores\":[\"ca:"
            + store
            + "\"],\"trustedIdentities\":[\"*\"]}]}");
    return file;
  }

  /** {@return the report's candidates, one line each, for assertion messages} */
  static String describe(SignatureReport report) {
    return report.outcome()
        + " "
        + report.message()
        + "\n"
        + report.examined().stream()
            .map(e -> e + " " + e.failureDetail())
            .collect(Collectors.joining("\n"));
  }

  static Evidence only(SignatureReport report) {
    if (report.examined().size() != 1) {
      throw new AssertionError("expected one signature: " + describe(report));
    }
    return report.examined().get(0);
  }
}
