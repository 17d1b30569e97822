package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.oci.Digest;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Trust through Custody's {@link TrustedSigner}s (the {@code --key} and custody policy signers):
 *
 * <ul>
 *   <li>a key signer accepts a signature whose leaf certificate carries exactly its public key (the
 *       same DER SubjectPublicKeyInfo); the identity is that key;
 *   <li>a certificate signer accepts a signature whose chain validates with the JDK's PKIX
 *       validator to one of its root certificates (anchored at the signer's root, not at the
 *       envelope's copy of it; at the signing time; revocation not checked, as Custody has no
 *       OCSP/CRL client) and whose leaf subject matches its subject pattern ({@link
 *       SubjectPatterns}); the identity is the leaf subject with that root's fingerprint.
 * </ul>
 *
 * Then, as notation orders its checks, the signature's own expiry and the chain's validity now
 * (there is no trusted timestamp to vouch for an earlier time) are checked; either failing is
 * {@link ReasonCode#EXPIRED}. A signature no signer accepts is {@link ReasonCode#UNTRUSTED_SIGNER}.
 */
final class SignerTrust {
  private final List<TrustedSigner> signers;
  private final Instant now;

  SignerTrust(List<TrustedSigner> signers, Instant now) {
    this.signers = List.copyOf(signers);
    this.now = requireNonNull(now, "now");
  }

  /** {@return whether there is any signer to try} */
  boolean isEmpty() {
    return signers.isEmpty();
  }

  /**
   * Tries every signer on one verified envelope.
   *
   * @param envelope the envelope that passed integrity
   * @return accepted with the identity, or rejected with the typed reason
   */
  TrustDecision decide(VerifiedEnvelope envelope) {
    List<X509Certificate> chain = envelope.info().chain();
    X509Certificate leaf = chain.get(0);
    if (signers.isEmpty()) {
      return TrustDecision.rejected(
          Rejection.of(
              ReasonCode.UNTRUSTED_SIGNER, "no key, certificate or trust policy is trusted"));
    }
    List<String> notes = new ArrayList<>();
    Optional<SignerIdentity> accepted = Optional.empty();
    for (TrustedSigner signer : signers) {
      accepted =
          signer.publicKey().isPresent()
              ? byKey(signer, leaf)
              : byCertificate(signer, chain, envelope, notes);
      if (accepted.isPresent()) {
        break;
      }
    }
    if (accepted.isEmpty()) {
      return TrustDecision.rejected(
          Rejection.of(
              ReasonCode.UNTRUSTED_SIGNER,
              (notes.isEmpty() ? "" : String.join("; ", notes) + "; ")
                  + "none of the "
                  + signers.size()
                  + " trusted signer(s) accepts the certificate \""
                  + JsonView.shorten(Identities.subject(leaf))
                  + "\" (key "
                  + Digest.of(Identities.spki(leaf))
                  + ")"));
    }
    Optional<Instant> expiry = envelope.info().expiry();
    if (expiry.isPresent() && now.isAfter(expiry.get())) {
      return TrustDecision.rejected(
          accepted.get(),
          Rejection.of(ReasonCode.EXPIRED, "the signature expired on " + expiry.get()));
    }
    for (X509Certificate c : chain) {
      if (now.isAfter(c.getNotAfter().toInstant())) {
        return TrustDecision.rejected(
            accepted.get(),
            Rejection.of(
                ReasonCode.EXPIRED,
                "the certificate \""
                    + JsonView.shorten(Identities.subject(c))
                    + "\" expired on "
                    + c.getNotAfter().toInstant()
                    + ", and no trusted timestamp shows the signature was made while it was"
                    + " valid"));
      }
    }
    return TrustDecision.accepted(accepted.get());
  }

  private static Optional<SignerIdentity> byKey(TrustedSigner signer, X509Certificate leaf) {
    return signer.publicKey().get().equals(Identities.spki(leaf))
        ? Optional.of(Identities.key(leaf))
        : Optional.empty();
  }

  private static Optional<SignerIdentity> byCertificate(
      TrustedSigner signer,
      List<X509Certificate> chain,
      VerifiedEnvelope envelope,
      List<String> notes) {
    String pattern = signer.subjectPattern().orElseThrow();
    for (Bytes rootDer : signer.certificateRoots()) {
      X509Certificate root;
      try {
        root =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(rootDer.toByteArray()));
      } catch (GeneralSecurityException | RuntimeException e) {
        notes.add("signer " + signer.name() + " has a root that is not a certificate");
        continue;
      }
      if (!chainsTo(chain, rootDer, root, envelope.info().signingTime())) {
        continue;
      }
      String subject = Identities.subject(chain.get(0));
      if (!SubjectPatterns.matches(pattern, subject)) {
        notes.add(
            "chains to signer "
                + signer.name()
                + ", but the subject does not match \""
                + pattern
                + "\"");
        continue;
      }
      return Optional.of(Identities.certificate(chain.get(0), rootDer));
    }
    return Optional.empty();
  }

  /**
   * PKIX validation of the envelope's chain to {@code root}: the part of the chain below the
   * envelope's copy of the root (or below its self-issued top certificate, when it carries another
   * root) is validated with {@code root} as the only trust anchor.
   */
  private static boolean chainsTo(
      List<X509Certificate> chain, Bytes rootDer, X509Certificate root, Instant signingTime) {
    int end = chain.size();
    for (int i = 0; i < chain.size(); i++) {
      if (Identities.der(chain.get(i)).equals(rootDer)) {
        end = i;
        break;
      }
    }
    if (end == 0) {
      return true; // the leaf itself is the trusted root (a self-signed signing certificate)
    }
    X509Certificate top = chain.get(end - 1);
    if (end == chain.size()
        && end > 1
        && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
      end--; // the envelope's own root is not the signer's; the signer's root must issue below it
    }
    try {
      CertPath path =
          CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, end));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(signingTime));
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
