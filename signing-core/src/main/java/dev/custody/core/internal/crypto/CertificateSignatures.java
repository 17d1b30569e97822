package dev.custody.core.internal.crypto;

import dev.custody.sign.KeyException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Checks an X.509 certificate's signature with the same verdict as {@link
 * X509Certificate#verify(PublicKey)}, but ECDSA on a NIST curve (what notation certificates are
 * signed with) is checked with Bouncy Castle's lightweight API, about 10x SunEC here
 * (PERFORMANCE.md, BENCHMARKS.md (b)).
 *
 * <p>Why the verdict stays the JDK's: Bouncy Castle <em>accepting</em> a signature means a strict
 * DER ECDSA-Sig-Value with r and s in [1, n-1] satisfying the ECDSA equation for the
 * certificate's own TBS bytes, its key and its digest, which SunEC accepts too. Everything else
 * (a Bouncy Castle rejection, other algorithms, algorithm parameters, unusual keys) is decided by
 * {@code X509Certificate#verify} as before, so rejections, and the rare encodings only the JDK
 * tolerates, keep the JDK's answer; only the accepting path got faster.
 */
public final class CertificateSignatures {
  // RFC 5758 §3.2: ecdsa-with-SHA256/384/512, whose AlgorithmIdentifier has no parameters.
  private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
  private static final String ECDSA_SHA384 = "1.2.840.10045.4.3.3";
  private static final String ECDSA_SHA512 = "1.2.840.10045.4.3.4";

  private CertificateSignatures() {}

  /**
   * Checks a certificate's signature.
   *
   * @param cert the certificate
   * @param issuerKey the key that should have signed it
   * @return whether {@code issuerKey} verifies the signature over the certificate
   */
  public static boolean signedBy(X509Certificate cert, PublicKey issuerKey) {
    return fastPathAccepts(cert, issuerKey) || jdkAccepts(cert, issuerKey);
  }

  /**
   * The Bouncy Castle check alone (package-visible for tests).
   *
   * @return true only if the signature is a valid ECDSA signature on a NIST curve; false also
   *     when the certificate's algorithm or key is outside the fast path
   */
  static boolean fastPathAccepts(X509Certificate cert, PublicKey issuerKey) {
    Digest digest = ecdsaDigest(cert.getSigAlgOID());
    if (digest == null || cert.getSigAlgParams() != null || !(issuerKey instanceof ECPublicKey)) {
      return false;
    }
    try {
      AsymmetricKeyParameter key = PublicKeyFactory.createKey(issuerKey.getEncoded());
      if (!(key instanceof ECPublicKeyParameters)) {
        return false;
      }
      // Only the curves SunEC verifies; a named curve is required (explicit parameters are not).
      Curves.keyTypeOf(((ECPublicKeyParameters) key).getParameters(), "certificate issuer key");
      byte[] tbs = cert.getTBSCertificate();
      // StandardDSAEncoding (the default) requires strict DER and r, s in [1, n-1].
      DSADigestSigner verifier = new DSADigestSigner(new ECDSASigner(), digest);
      verifier.init(false, key);
      verifier.update(tbs, 0, tbs.length);
      return verifier.verifySignature(cert.getSignature());
    } catch (IOException | GeneralSecurityException | KeyException | RuntimeException e) {
      return false; // the JDK decides
    }
  }

  private static boolean jdkAccepts(X509Certificate cert, PublicKey issuerKey) {
    try {
      cert.verify(issuerKey);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Digest ecdsaDigest(String oid) {
    switch (oid) {
      case ECDSA_SHA256:
        return new SHA256Digest();
      case ECDSA_SHA384:
        return new SHA384Digest();
      case ECDSA_SHA512:
        return new SHA512Digest();
      default:
        return null;
    }
  }
}
