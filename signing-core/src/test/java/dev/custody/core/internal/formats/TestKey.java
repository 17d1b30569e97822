package dev.custody.core.internal.formats;

import dev.custody.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * The FORMATS.md Appendix A P-256 test key, with deterministic (RFC 6979) ECDSA so the document's
 * signatures can be reproduced byte for byte. TEST ONLY.
 */
public final class TestKey {
  private static final ECDomainParameters P256;

  static {
    X9ECParameters x9 = ECNamedCurveTable.getByName("P-256");
    P256 = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
  }

  private TestKey() {}

  /** {@return the public key} */
  public static PublicKey publicKey() {
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(pemBody(Vectors.text("test-key.pub.pem"))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger scalar() {
    try {
      ECPrivateKey key =
          (ECPrivateKey)
              KeyFactory.getInstance("EC")
                  .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Vectors.text("test-key.pem"))));
      return key.getS();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return r and s of a deterministic ECDSA P-256/SHA-256 signature} */
  public static BigInteger[] signRs(Bytes message) {
    SHA256Digest sha = new SHA256Digest();
    byte[] m = message.toByteArray();
    byte[] hash = new byte[32];
    sha.update(m, 0, m.length);
    sha.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(scalar(), P256));
    return signer.generateSignature(hash);
  }

  /** {@return a deterministic signature, DER-encoded as cosign writes it} */
  public static Bytes signDer(Bytes message) {
    BigInteger[] rs = signRs(message);
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(rs[1]));
    try {
      return Bytes.of(new DERSequence(v).getEncoded());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return a deterministic signature as raw 64-byte R||S (JWS ES256)} */
  public static Bytes signRaw(Bytes message) {
    BigInteger[] rs = signRs(message);
    byte[] out = new byte[64];
    copy(rs[0], out, 0);
    copy(rs[1], out, 32);
    return Bytes.of(out);
  }

  private static void copy(BigInteger n, byte[] out, int offset) {
    byte[] b = n.toByteArray();
    if (b.length > 32) {
      b = Arrays.copyOfRange(b, b.length - 32, b.length);
    }
    System.arraycopy(b, 0, out, offset + 32 - b.length, b.length);
  }

  /** {@return whether the DER signature verifies over the message with the public key (JCA)} */
  public static boolean verifyDer(Bytes message, Bytes signature) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(publicKey());
      s.update(message.toByteArray());
      return s.verify(signature.toByteArray());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] pemBody(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
