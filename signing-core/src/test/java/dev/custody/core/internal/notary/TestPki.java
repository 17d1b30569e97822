package dev.custody.core.internal.notary;

import dev.custody.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and notation-shaped JWS envelopes made in the test, for rules the fixtures lack. */
public final class TestPki {
  public static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  public static final Instant TO = Instant.parse("2035-01-01T00:00:00Z");

  private TestPki() {}

  public static KeyPair ec() throws Exception {
    return ec("secp256r1");
  }

  /** An EC key pair on {@code curve}, e.g. {@code secp384r1}. */
  public static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  public static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  /** A certificate; {@code pathLen} &lt; 0 means a leaf (KU digitalSignature, EKU codeSigning). */
  public static X509Certificate cert(String subject, KeyPair subjectKeys, String issuer,
      PrivateKey issuerKey, boolean ca, int pathLen, KeyPurposeId eku) throws Exception {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(new X500Name(issuer),
            BigInteger.valueOf(System.nanoTime()), Date.from(FROM), Date.from(TO),
            new X500Name(subject), subjectKeys.getPublic());
    if (ca) {
      b.addExtension(Extension.basicConstraints, true,
          pathLen >= 0 ? new BasicConstraints(pathLen) : new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      if (eku != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
      }
    }
    String alg = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
  }

  /**
   * A JWS envelope as notation writes it, signed by {@code key} with the hash {@code alg} names
   * (ES256/384/512: ECDSA in {@code R||S} form; PS256/384/512: RSASSA-PSS, salt = hash length).
   */
  public static Bytes envelope(String alg, PrivateKey key, List<X509Certificate> chain, String digest,
      long size, String signingTime, String expiry) throws Exception {
    String crit = expiry == null
        ? "[\"io.cncf.notary.signingScheme\"]"
        : "[\"io.cncf.notary.signingScheme\",\"io.cncf.notary.expiry\"]";
    String header = "{\"alg\":\"" + alg + "\",\"crit\":" + crit
        + ",\"cty\":\"application/vnd.cncf.notary.payload.v1+json\""
        + (expiry == null ? "" : ",\"io.cncf.notary.expiry\":\"" + expiry + "\"")
        + ",\"io.cncf.notary.signingScheme\":\"notary.x509\""
        + ",\"io.cncf.notary.signingTime\":\"" + signingTime + "\"}";
    String payload = "{\"targetArtifact\":{\"digest\":\"" + digest
        + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + size + "}}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String p = url.encodeToString(header.getBytes(StandardCharsets.UTF_8));
    String q = url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature s;
    String bits = alg.substring(2);
    if (alg.startsWith("ES")) {
      s = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
    } else {
      String hash = "SHA-" + bits;
      s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1",
          new java.security.spec.MGF1ParameterSpec(hash), Integer.parseInt(bits) / 8, 1));
    }
    s.initSign(key);
    s.update((p + "." + q).getBytes(StandardCharsets.US_ASCII));
    String sig = url.encodeToString(s.sign());
    String x5c = chain.stream()
        .map(c -> {
          try {
            return "\"" + Base64.getEncoder().encodeToString(c.getEncoded()) + "\"";
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .collect(Collectors.joining(","));
    return Bytes.utf8("{\"payload\":\"" + q + "\",\"protected\":\"" + p + "\",\"header\":{\"x5c\":["
        + x5c + "]},\"signature\":\"" + sig + "\"}");
  }
}
