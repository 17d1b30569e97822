package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * Creates a key with a self-signed code-signing certificate for trying out Notary signatures, as
 * {@code notation cert generate-test} does. <b>Not for production:</b> nothing vouches for a
 * self-signed certificate, so anyone can make one with any name; the subject says so in its
 * organizational unit, and verifiers that trust it trust whoever holds the key file.
 *
 * <p>The certificate satisfies the Notary leaf rules (FORMATS.md §5.5): {@code basicConstraints}
 * critical with {@code cA=false}, {@code keyUsage} critical with only {@code digitalSignature},
 * {@code extendedKeyUsage} {@code id-kp-codeSigning}; signed with SHA-256 (P-256) or SHA-384
 * (P-384, RSA 3072).
 */
public final class TestCertificates {
  /** The organizational unit every test certificate carries. */
  public static final String NOT_FOR_PRODUCTION = "Custody test certificate - NOT FOR PRODUCTION";
  /** notation's default validity for test certificates. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  private TestCertificates() {}

  /** A key and its self-signed certificate. */
  public static final class TestCertificate {
    private final SigningKey key;
    private final X509Certificate certificate;
    private final SignatureAlgorithm notaryAlgorithm;

    TestCertificate(SigningKey key, X509Certificate certificate, SignatureAlgorithm algorithm) {
      this.key = key;
      this.certificate = certificate;
      this.notaryAlgorithm = algorithm;
    }

    /** {@return the private key} */
    public SigningKey key() {
      return key;
    }

    /** {@return the self-signed certificate} */
    public X509Certificate certificate() {
      return certificate;
    }

    /** {@return the algorithm Notary signs with for this key (FORMATS.md §5.5)} */
    public SignatureAlgorithm notaryAlgorithm() {
      return notaryAlgorithm;
    }

    /**
     * Returns a signer with the Notary algorithm.
     *
     * @return the signer
     * @throws KeyException never for keys this class made
     */
    public Signer signer() throws KeyException {
      return key.signer(notaryAlgorithm);
    }

    @Override
    public String toString() {
      return "TestCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  /**
   * Generates a key and a self-signed code-signing certificate.
   *
   * @param commonName the subject's CN, e.g. {@code example.com}
   * @param type {@link KeyType#RSA} (3072 bits, notation's default), {@link KeyType#EC_P256} or
   *     {@link KeyType#EC_P384}
   * @param validity how long from {@code now} the certificate is valid
   * @param now the start of validity
   * @param random the randomness source
   * @return the key and certificate
   * @throws KeyException if the certificate cannot be built
   * @throws IllegalArgumentException for other key types, a blank name or a non-positive validity
   */
  public static TestCertificate generate(
      String commonName, KeyType type, Duration validity, Instant now, SecureRandom random)
      throws KeyException {
    requireNonNull(commonName, "commonName");
    requireNonNull(now, "now");
    if (commonName.isBlank()) {
      throw new IllegalArgumentException("common name must not be blank");
    }
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
    SignatureAlgorithm algorithm;
    String signatureName;
    switch (type) {
      case EC_P256:
        algorithm = SignatureAlgorithm.ECDSA_P256_SHA256;
        signatureName = "SHA256withECDSA";
        break;
      case EC_P384:
        algorithm = SignatureAlgorithm.ECDSA_P384_SHA384;
        signatureName = "SHA384withECDSA";
        break;
      case RSA:
        algorithm = SignatureAlgorithm.RSA_PSS_SHA384;
        signatureName = "SHA384withRSA";
        break;
      default:
        throw new IllegalArgumentException(
            "Notary test certificates use RSA, EC P-256 or EC P-384 keys, not " + type);
    }
    SigningKey key = KeyGenerators.generate(type, random);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, commonName)
            .addRDN(BCStyle.OU, NOT_FOR_PRODUCTION)
            .addRDN(BCStyle.O, "Custody")
            .build();
    byte[] serial = new byte[20];
    random.nextBytes(serial);
    serial[0] &= 0x7f;
    try {
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              subject,
              new BigInteger(1, serial).max(BigInteger.ONE),
              Date.from(now),
              Date.from(now.plus(validity)),
              subject,
              SubjectPublicKeyInfo.getInstance(key.publicKey().spki().toByteArray()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      X509CertificateHolder holder = builder.build(contentSigner(type, signatureName, key));
      X509Certificate certificate = Certificates.parse(holder.getEncoded(), "generated certificate");
      return new TestCertificate(key, certificate, algorithm);
    } catch (IOException | OperatorCreationException e) {
      throw new KeyException(
          dev.custody.CustodyException.Reason.KEY, "generate test certificate: " + e.getMessage(), e);
    }
  }

  private static ContentSigner contentSigner(KeyType type, String name, SigningKey key)
      throws OperatorCreationException {
    AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
    AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
    if (type == KeyType.RSA) {
      return new BcRSAContentSignerBuilder(signature, digest).build(key.privateParameters());
    }
    return new BcECContentSignerBuilder(signature, digest).build(key.privateParameters());
  }
}
