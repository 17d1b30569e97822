package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.pki.CertificateSigners;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a cosign verification trusts: the public keys, each bound to the one algorithm its key type
 * is trusted for ({@link dev.custody.sign.KeyType#defaultAlgorithm()}: cosign's and
 * containers/image's choice, FORMATS.md §3.4), and the certificate signers, which accept a
 * signature that carries a certificate ({@link CertificateCandidates}). A signature is checked
 * with each key in turn; nothing in the signature, its annotations or its bundle chooses the key
 * or the algorithm. Immutable.
 */
final class TrustedKeys {
  private final List<Verifier> verifiers;
  private final List<String> unusable;
  private final CertificateSigners certificates;
  private final Instant now;

  private TrustedKeys(
      List<Verifier> verifiers,
      List<String> unusable,
      CertificateSigners certificates,
      Instant now) {
    this.verifiers = List.copyOf(verifiers);
    this.unusable = List.copyOf(unusable);
    this.certificates = certificates;
    this.now = now;
  }

  /**
   * {@return the key and certificate signers among {@code signers}; keys Custody cannot use are
   * remembered}
   *
   * @param signers the trusted signers
   * @param now the verification time, at which a certificate chain must be valid when the
   *     signature carries no signed time
   */
  static TrustedKeys of(List<TrustedSigner> signers, Instant now) {
    List<Verifier> verifiers = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    for (TrustedSigner signer : signers) {
      if (signer.publicKey().isEmpty()) {
        continue;
      }
      try {
        verifiers.add(BcVerifiers.of(PublicKeyInfo.of(signer.publicKey().get())));
      } catch (KeyException e) {
        unusable.add(signer.name() + " (" + e.getMessage() + ")");
      }
    }
    return new TrustedKeys(
        verifiers, unusable, CertificateSigners.of(signers), requireNonNull(now, "now"));
  }

  /** {@return the certificate signers} */
  CertificateSigners certificates() {
    return certificates;
  }

  /** {@return the verification time} */
  Instant now() {
    return now;
  }

  /**
   * Finds the trusted key under which {@code signature} is valid for exactly {@code message}.
   *
   * @return the verifier that accepted it, or empty
   */
  Optional<Verifier> verifying(Bytes message, Bytes signature) {
    for (Verifier verifier : verifiers) {
      try {
        verifier.verify(message, signature);
        return Optional.of(verifier);
      } catch (VerificationException e) {
        // not this key; try the next
      }
    }
    return Optional.empty();
  }

  /** {@return the evidence identity of a trusted key} */
  static SignerIdentity identity(Verifier verifier) {
    return SignerIdentity.ofKey(verifier.publicKey().fingerprint());
  }

  /**
   * Explains why no trusted key verified a signature. A legacy layer names no key, so "made by
   * another key" and "altered" cannot be told apart and both are SIGNATURE_INVALID; a bundle's key
   * hint or a layer's certificate names one, which separates an untrusted signer from a broken
   * signature. The claim itself is never trusted: it only picks the words.
   *
   * @param claim the key or hint the candidate names, if any
   * @param message the signed bytes
   * @param signature the signature
   * @return the rejection
   */
  Rejection unverified(Optional<Claim> claim, Bytes message, Bytes signature) {
    if (verifiers.isEmpty()) {
      if (!unusable.isEmpty()) {
        return Rejection.of(
            ReasonCode.UNSUPPORTED_ALGORITHM,
            "no trusted key can verify cosign signatures: " + String.join("; ", unusable));
      }
      return Rejection.of(
          ReasonCode.UNTRUSTED_SIGNER,
          certificates.isEmpty()
              ? "no public key or certificate signer is trusted"
              : "no public key is trusted, and the signature carries no certificate for the "
                  + certificates.size()
                  + " certificate signer(s)");
    }
    if (claim.isEmpty()) {
      return Rejection.of(
          ReasonCode.SIGNATURE_INVALID,
          "the signature does not verify with any of the "
              + verifiers.size()
              + " trusted key(s) (made by another key, or altered)");
    }
    Claim c = claim.get();
    Optional<Verifier> named =
        verifiers.stream()
            .filter(
                v ->
                    c.key().map(k -> k.spki().equals(v.publicKey().spki())).orElse(false)
                        || c.hint().map(h -> h.equals(v.keyId().value())).orElse(false))
            .findFirst();
    if (named.isPresent()) {
      return Rejection.of(
          ReasonCode.SIGNATURE_INVALID,
          "the signature does not verify with trusted key "
              + named.get().keyId()
              + " ("
              + named.get().algorithm()
              + "), which "
              + c.what()
              + " names");
    }
    if (c.key().isPresent() && !verifiesWith(c.key().get(), message, signature)) {
      return Rejection.of(
          ReasonCode.SIGNATURE_INVALID,
          "the signature does not verify with the key " + c.what() + " names, nor any trusted key");
    }
    return Rejection.of(
        ReasonCode.UNTRUSTED_SIGNER,
        "signed by "
            + c.signer()
            + ", which is not trusted"
            + (c.key().isPresent() && certificates.isEmpty()
                ? " (to trust its certificate, trust its root and subject as a certificate signer)"
                : ""));
  }

  private static boolean verifiesWith(PublicKeyInfo key, Bytes message, Bytes signature) {
    try {
      BcVerifiers.of(key).verify(message, signature);
      return true;
    } catch (KeyException | VerificationException e) {
      return false;
    }
  }

  /**
   * The signer a candidate claims, untrusted: a certificate's key or a bundle's key hint.
   *
   * @param what where the claim comes from, e.g. {@code the certificate}
   * @param signer the claimed signer for messages, untrusted text already shortened
   * @param key the claimed key, if the candidate carries one
   * @param hint the claimed key id, if the candidate carries one
   */
  record Claim(String what, String signer, Optional<PublicKeyInfo> key, Optional<String> hint) {
    static Claim certificate(String subject, PublicKeyInfo key) {
      return new Claim(
          "the certificate",
          "the certificate of \"" + JsonView.shorten(subject) + "\"",
          Optional.of(key),
          Optional.empty());
    }

    static Claim hint(String hint) {
      return new Claim(
          "the bundle's key hint",
          "key " + JsonView.shorten(hint),
          Optional.empty(),
          Optional.of(hint));
    }
  }
}
