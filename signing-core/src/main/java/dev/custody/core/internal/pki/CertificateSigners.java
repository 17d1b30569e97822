package dev.custody.core.internal.pki;

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
import java.util.stream.Collectors;

/**
 * The certificate signers among a verification's trusted signers (POLICY.md "Signers": roots plus
 * a subject pattern), and the one check every format applies to a signature that carries a
 * certificate chain: the chain validates with the JDK's PKIX validator to one of a signer's roots
 * (anchored at the signer's copy of the root, not at a root the signature carries; revocation is
 * not checked, as Custody has no OCSP/CRL client), and the leaf's subject matches the signer's
 * pattern ({@link SubjectPatterns}). The identity of an accepted signature is the leaf subject with
 * that root's fingerprint ({@link CertificateIdentities#certificate}), which the policy engine
 * matches to signers again.
 *
 * <p>Used by cosign signatures (the {@code dev.sigstore.cosign/certificate} and {@code chain}
 * annotations, FORMATS.md §3.2, or a bundle's certificate, §6.7), attestations (the same
 * annotations on {@code .att} layers, §3.7, or bundles), and Notary signatures (the {@code x5c}
 * chain, through {@link #match}). Immutable and thread-safe.
 */
public final class CertificateSigners {
  private final List<TrustedSigner> signers;

  private CertificateSigners(List<TrustedSigner> signers) {
    this.signers = List.copyOf(signers);
  }

  /** {@return the certificate signers among {@code signers}; key signers are left out} */
  public static CertificateSigners of(List<TrustedSigner> signers) {
    return new CertificateSigners(
        signers.stream()
            .filter(s -> s.subjectPattern().isPresent())
            .collect(Collectors.toUnmodifiableList()));
  }

  /** {@return whether there is no certificate signer} */
  public boolean isEmpty() {
    return signers.isEmpty();
  }

  /** {@return how many certificate signers there are} */
  public int size() {
    return signers.size();
  }

  /**
   * Decides whether a certificate signer accepts the chain of a signature whose cryptography the
   * caller already verified with the leaf's key. The whole chain must be valid at {@code time}: the
   * signature's signed time (a cosign payload's {@code optional.timestamp}, an attestation's
   * predicate time), or the verification time when the signature carries none. As POLICY.md says
   * of signed times, that time is the signer's own claim until trusted timestamps are supported.
   *
   * @param chain the signature's chain, leaf first (intermediates and possibly a root after it)
   * @param time the time the chain must be valid at
   * @return accepted with the identity; {@link ReasonCode#EXPIRED} with the identity when a
   *     signer accepts the chain but a certificate is not valid at {@code time}; otherwise {@link
   *     ReasonCode#UNTRUSTED_SIGNER}
   */
  public Decision decide(List<X509Certificate> chain, Instant time) {
    requireNonNull(time, "time");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs a leaf");
    }
    X509Certificate leaf = chain.get(0);
    Optional<X509Certificate> invalid =
        chain.stream().filter(c -> !validAt(c, time)).findFirst();
    // A chain invalid at the signed time is still matched (at a time it is valid) to tell an
    // expired certificate of a trusted signer from a certificate nobody trusts.
    Instant matchAt = invalid.isEmpty() ? time : commonValidity(chain).orElse(time);
    List<String> notes = new ArrayList<>();
    Optional<SignerIdentity> accepted = Optional.empty();
    for (TrustedSigner signer : signers) {
      accepted = match(signer, chain, matchAt, notes);
      if (accepted.isPresent()) {
        break;
      }
    }
    if (accepted.isEmpty()) {
      return Decision.rejected(
          Optional.empty(),
          ReasonCode.UNTRUSTED_SIGNER,
          (notes.isEmpty() ? "" : String.join("; ", notes) + "; ")
              + "none of the "
              + signers.size()
              + " certificate signer(s) accepts the certificate \""
              + JsonView.shorten(CertificateIdentities.subject(leaf))
              + "\" (key "
              + Digest.of(CertificateIdentities.spki(leaf))
              + ")");
    }
    if (invalid.isPresent()) {
      X509Certificate c = invalid.get();
      return Decision.rejected(
          accepted,
          ReasonCode.EXPIRED,
          "the certificate \""
              + JsonView.shorten(CertificateIdentities.subject(c))
              + "\" is valid from "
              + c.getNotBefore().toInstant()
              + " until "
              + c.getNotAfter().toInstant()
              + ", and the signature's time "
              + time
              + " lies outside it");
    }
    return Decision.accepted(accepted.get());
  }

  /**
   * Whether {@code signer} accepts {@code chain} at {@code time}: PKIX validation to one of its
   * roots, then its subject pattern. A failed pattern or an unreadable root is noted for the
   * message.
   *
   * @param signer a certificate signer
   * @param chain leaf first
   * @param time the validation time
   * @param notes where to add why a root that was reached did not accept
   * @return the identity, if accepted
   */
  public static Optional<SignerIdentity> match(
      TrustedSigner signer, List<X509Certificate> chain, Instant time, List<String> notes) {
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
      if (!chainsTo(chain, rootDer, root, time)) {
        continue;
      }
      String subject = CertificateIdentities.subject(chain.get(0));
      if (!SubjectPatterns.matches(pattern, subject)) {
        notes.add(
            "chains to signer "
                + signer.name()
                + ", but the subject does not match \""
                + JsonView.shorten(pattern)
                + "\"");
        continue;
      }
      return Optional.of(CertificateIdentities.certificate(chain.get(0), rootDer));
    }
    return Optional.empty();
  }

  /**
   * PKIX validation of the chain to {@code root}: the part of the chain below the signature's copy
   * of the root (or below its self-issued top certificate, when it carries another root) is
   * validated with {@code root} as the only trust anchor.
   */
  private static boolean chainsTo(
      List<X509Certificate> chain, Bytes rootDer, X509Certificate root, Instant time) {
    int end = chain.size();
    for (int i = 0; i < chain.size(); i++) {
      if (CertificateIdentities.der(chain.get(i)).equals(rootDer)) {
        end = i;
        break;
      }
    }
    if (end == 0) {
      // the leaf itself is the trusted root (a self-signed signing certificate); PKIX does not
      // check an anchor's validity, so the caller's validity check is the one that applies
      return true;
    }
    X509Certificate top = chain.get(end - 1);
    if (end == chain.size()
        && end > 1
        && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
      end--; // the signature's own root is not the signer's; the signer's root must issue below it
    }
    try {
      CertPath path =
          CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, end));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(time));
      CertPathValidator.getInstance("PKIX").validate(path, params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean validAt(X509Certificate c, Instant time) {
    return !time.isBefore(c.getNotBefore().toInstant()) && !time.isAfter(c.getNotAfter().toInstant());
  }

  /** {@return the latest start of validity in the chain, if every certificate is valid then} */
  private static Optional<Instant> commonValidity(List<X509Certificate> chain) {
    Instant latestStart =
        chain.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
    return chain.stream().allMatch(c -> validAt(c, latestStart))
        ? Optional.of(latestStart)
        : Optional.empty();
  }

  /**
   * What {@link #decide} concluded.
   *
   * @param identity the accepted identity, or the identity a time rejection concerns
   * @param failure why the chain does not count, if it does not
   * @param detail the reason in words; empty when accepted
   */
  public record Decision(
      Optional<SignerIdentity> identity, Optional<ReasonCode> failure, String detail) {
    /** Checks the parts agree. */
    public Decision {
      requireNonNull(identity, "identity");
      requireNonNull(failure, "failure");
      requireNonNull(detail, "detail");
      if (failure.isEmpty() && identity.isEmpty()) {
        throw new IllegalArgumentException("an accepted chain needs its identity");
      }
    }

    static Decision accepted(SignerIdentity identity) {
      return new Decision(Optional.of(identity), Optional.empty(), "");
    }

    static Decision rejected(Optional<SignerIdentity> identity, ReasonCode reason, String detail) {
      return new Decision(identity, Optional.of(reason), detail);
    }

    /** {@return whether a signer accepted the chain at the time} */
    public boolean isAccepted() {
      return failure.isEmpty();
    }
  }
}
