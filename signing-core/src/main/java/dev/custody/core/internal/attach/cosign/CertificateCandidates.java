package dev.custody.core.internal.attach.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.pki.CertificateSigners;
import dev.custody.core.internal.pki.ClaimedChain;
import dev.custody.core.internal.policy.SignedTimes;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.KeyException;
import dev.custody.sign.VerificationException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * cosign signatures that carry a certificate, checked against the certificate signers (POLICY.md
 * "Signers"; FORMATS.md §3.5 step 4): the signature is verified with the leaf's key (the key fixes
 * the algorithm), and then {@link CertificateSigners} decides whether the chain validates to a
 * signer's roots and the leaf matches its subject, at the payload's signed time ({@code
 * optional.timestamp}) or, without one, at the verification time. No transparency log or RFC 3161
 * timestamp is consulted. Stateless.
 */
final class CertificateCandidates {
  private CertificateCandidates() {}

  /**
   * {@return the parsed chain a layer's annotations or a bundle claim, leaf first}
   *
   * @throws CandidateRejected MALFORMED if a certificate is malformed, LIMIT_EXCEEDED if the chain
   *     is too long
   */
  static List<X509Certificate> chain(ClaimedChain claimed) throws CandidateRejected {
    try {
      return claimed.parse();
    } catch (KeyException e) {
      throw new CandidateRejected(
          Rejection.of(
              e.reason() == Reason.LIMIT_EXCEEDED ? ReasonCode.LIMIT_EXCEEDED : ReasonCode.MALFORMED,
              e.getMessage()));
    }
  }

  /**
   * Verifies {@code signature} over exactly {@code message} with the leaf's key.
   *
   * @throws CandidateRejected SIGNATURE_INVALID if it does not verify, UNSUPPORTED_ALGORITHM if
   *     Custody cannot use the leaf's key
   */
  static void verifyWithLeaf(X509Certificate leaf, Bytes message, Bytes signature)
      throws CandidateRejected {
    try {
      BcVerifiers.of(Certificates.publicKey(leaf, "leaf certificate")).verify(message, signature);
    } catch (KeyException e) {
      throw new CandidateRejected(
          Rejection.of(ReasonCode.UNSUPPORTED_ALGORITHM, "the certificate's key: " + e.getMessage()));
    } catch (VerificationException e) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.SIGNATURE_INVALID,
              "the signature does not verify with the key of the certificate it carries"));
    }
  }

  /**
   * {@return the signed time of a verified simple-signing payload, if it has one}
   *
   * @throws CandidateRejected MALFORMED if the payload or its timestamp is broken
   */
  static Optional<Instant> signedTime(Bytes payload) throws CandidateRejected {
    try {
      JsonNode node = Json.read(payload, "cosign payload");
      return SignedTimes.fromCosignPayload(node);
    } catch (InvalidInputException e) {
      throw new CandidateRejected(Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
    }
  }

  /**
   * {@return the identity a certificate signer accepts the chain as}
   *
   * @param signers the certificate signers
   * @param chain the verified signature's chain, leaf first
   * @param time the signed time, or the verification time without one
   * @throws CandidateRejected UNTRUSTED_SIGNER or EXPIRED (with the identity) if not accepted
   */
  static SignerIdentity trust(CertificateSigners signers, List<X509Certificate> chain, Instant time)
      throws CandidateRejected {
    CertificateSigners.Decision decision = signers.decide(chain, time);
    if (!decision.isAccepted()) {
      throw new CandidateRejected(
          new Rejection(decision.failure().get(), decision.detail(), decision.identity()));
    }
    return decision.identity().get();
  }
}
