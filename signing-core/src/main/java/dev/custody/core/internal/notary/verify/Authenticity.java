package dev.custody.core.internal.notary.verify;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticity of a chain against trusted certificates.
 *
 * <p>notation's rule (notation-core-go {@code signature.VerifyAuthenticity}): some certificate of
 * the chain is <em>byte-equal</em> to a certificate of the trust store; a certificate with the
 * same key but other bytes does not count (fixtures README §9). Custody then also validates the
 * path below that certificate with the JDK's PKIX {@link CertPathValidator}, anchored at it, at
 * the signing time, with revocation checking disabled: Custody does not check revocation (no
 * OCSP or CRL access), and notation's e2e revocation cases are not among the fixtures. Integrity
 * ({@link CodeSigningChainRules}) has already checked the chain's structure, so PKIX adds the
 * JDK's independent path checks (signatures, CA constraints, key usage, critical extensions).
 */
public final class Authenticity {
  private Authenticity() {}

  /**
   * Checks the chain.
   *
   * @param chain leaf first, already structurally valid
   * @param trusted the certificates of the policy's trust stores
   * @param validationTime the time for PKIX (the signing time)
   * @return why authenticity fails, or empty if it holds
   */
  public static Optional<String> violation(
      List<X509Certificate> chain, List<X509Certificate> trusted, Instant validationTime) {
    int anchor = -1;
    for (int i = 0; i < chain.size() && anchor < 0; i++) {
      for (X509Certificate t : trusted) {
        if (sameBytes(chain.get(i), t)) {
          anchor = i;
          break;
        }
      }
    }
    if (anchor < 0) {
      return Optional.of(
          "the signature's certificate chain does not contain any trusted certificate");
    }
    if (anchor == 0) {
      return Optional.empty(); // the leaf itself is trusted; nothing lies below it
    }
    try {
      CertPath path =
          CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, anchor));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.get(anchor), null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(validationTime));
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of("PKIX validation to the trusted certificate failed: " + e.getMessage());
    }
  }

  private static boolean sameBytes(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateEncodingException e) {
      return false;
    }
  }
}
