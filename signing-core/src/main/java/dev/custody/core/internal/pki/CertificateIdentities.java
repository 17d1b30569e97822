package dev.custody.core.internal.pki;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.policy.SignerIdentity;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * The evidence identities of certificate signers (Notary, cosign, attestations), and the DER bytes
 * they are computed from.
 */
public final class CertificateIdentities {
  private CertificateIdentities() {}

  /**
   * {@return the identity of a leaf whose chain was validated against {@code anchor}: its RFC 4514
   * subject and the anchor's fingerprint; a leaf with an empty subject is named by its key}
   */
  public static SignerIdentity certificate(X509Certificate leaf, Bytes anchor) {
    String subject = subject(leaf);
    return subject.isEmpty() ? key(leaf) : SignerIdentity.ofCertificate(subject, Digest.of(anchor));
  }

  /** {@return the identity of the leaf's public key (SHA-256 of its SubjectPublicKeyInfo)} */
  public static SignerIdentity key(X509Certificate leaf) {
    return SignerIdentity.ofKey(Digest.of(spki(leaf)));
  }

  /** {@return the leaf's subject as RFC 4514 text} */
  public static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  /** {@return the DER SubjectPublicKeyInfo of the certificate's key} */
  public static Bytes spki(X509Certificate certificate) {
    return Bytes.of(certificate.getPublicKey().getEncoded());
  }

  /** {@return the DER encoding of {@code certificate}} */
  public static Bytes der(X509Certificate certificate) {
    try {
      return Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
    }
  }
}
