package dev.custody.core.internal.attach.notation;

import dev.custody.core.internal.pki.CertificateIdentities;
import dev.custody.core.internal.pki.CertificateSigners;
import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.formats.JsonView;
import dev.custody.oci.Digest;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trust through Custody's {@link TrustedSigner}s (the {@code --key} and custody policy signers):
 *
 * <ul>
 *   <li>a key signer accepts a signature whose leaf certificate carries exactly its public key (the
 *       same DER SubjectPublicKeyInfo); the identity is that key;
 *   <li>a certificate signer accepts a signature whose chain validates with the JDK's PKIX
 *       validator to one of its root certificates at the signing time and whose leaf subject
 *       matches its subject pattern ({@link CertificateSigners#match}, the check cosign
 *       signatures and attestations share); the identity is the leaf subject with that root's
 *       fingerprint.
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
                  + JsonView.shorten(CertificateIdentities.subject(leaf))
                  + "\" (key "
                  + Digest.of(CertificateIdentities.spki(leaf))
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
                    + JsonView.shorten(CertificateIdentities.subject(c))
                    + "\" expired on "
                    + c.getNotAfter().toInstant()
                    + ", and no trusted timestamp shows the signature was made while it was"
                    + " valid"));
      }
    }
    return TrustDecision.accepted(accepted.get());
  }

  private static Optional<SignerIdentity> byKey(TrustedSigner signer, X509Certificate leaf) {
    return signer.publicKey().get().equals(CertificateIdentities.spki(leaf))
        ? Optional.of(CertificateIdentities.key(leaf))
        : Optional.empty();
  }

  private static Optional<SignerIdentity> byCertificate(
      TrustedSigner signer,
      List<X509Certificate> chain,
      VerifiedEnvelope envelope,
      List<String> notes) {
    return CertificateSigners.match(signer, chain, envelope.info().signingTime(), notes);
  }
}
