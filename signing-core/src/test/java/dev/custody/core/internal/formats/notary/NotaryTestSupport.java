package dev.custody.core.internal.formats.notary;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.Vectors;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and keys for the Notary tests. TEST ONLY. */
final class NotaryTestSupport {
  private NotaryTestSupport() {}

  static X509Certificate cert(String goldenName) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Vectors.der(goldenName)));
  }

  static X509Certificate leaf() throws GeneralSecurityException {
    return cert("notary-leaf.b64");
  }

  static X509Certificate root() throws GeneralSecurityException {
    return cert("notary-root.b64");
  }

  static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  /** A self-signed certificate for {@code keys}, signed with {@code jcaAlgorithm}. */
  static X509Certificate selfSigned(KeyPair keys, String jcaAlgorithm) throws Exception {
    X500Name name = new X500Name("CN=Custody Test,O=Custody Test,ST=WA,C=US");
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    new Date(1735689600000L),
                    new Date(2051222400000L),
                    name,
                    keys.getPublic())
                .build(new JcaContentSignerBuilder(jcaAlgorithm).build(keys.getPrivate())));
  }

  static Bytes der(X509Certificate c) throws GeneralSecurityException {
    return Bytes.of(c.getEncoded());
  }
}
