package dev.custody.core.internal.notary.trust;

import dev.custody.core.internal.crypto.CertificateSignatures;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/** Small certificate helpers shared by the trust store and the chain checks. */
public final class Certificates {
  private Certificates() {}

  /** {@return whether the subject equals the issuer and the certificate's key verifies it} */
  public static boolean isSelfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    return CertificateSignatures.signedBy(cert, cert.getPublicKey());
  }

  /** {@return the subject as RFC 2253 text, truncated, for messages} */
  public static String subject(X509Certificate cert) {
    return "\"" + Truncate.of(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)) + "\"";
  }
}
