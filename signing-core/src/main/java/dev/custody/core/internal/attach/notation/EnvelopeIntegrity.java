package dev.custody.core.internal.attach.notation;

import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.notary.NotaryHeaders;
import dev.custody.core.internal.formats.notary.NotaryJwsReader;
import dev.custody.core.internal.notary.trust.Truncate;
import dev.custody.core.internal.notary.verify.CodeSigningChainRules;
import dev.custody.core.internal.notary.verify.NotaryEnvelopes;
import dev.custody.core.internal.notary.verify.SignerInfo;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import dev.custody.policy.ReasonCode;
import dev.custody.sign.VerificationException;
import java.util.Optional;

/**
 * The integrity stage of a Notary verification (notation's first check, which no trust policy level
 * can relax): the layer is a JWS envelope, the strict reader accepts it, the signature verifies
 * with the leaf certificate's key under the algorithm that key fixes, the chain follows the
 * code-signing rules at the signing time (FORMATS.md §5.5), and the signed {@code targetArtifact}
 * names exactly the image (digest, size, media type; §5.2). Each failure keeps its own reason code.
 */
final class EnvelopeIntegrity {
  private static final MediaType JWS = MediaType.of(NotaryHeaders.JWS_MEDIA_TYPE);
  private static final MediaType COSE = MediaType.of(NotaryHeaders.COSE_MEDIA_TYPE);

  private EnvelopeIntegrity() {}

  /** The outcome: a verified envelope, or why not. */
  record Result(Optional<VerifiedEnvelope> verified, Optional<Rejection> rejection) {
    static Result ok(VerifiedEnvelope v) {
      return new Result(Optional.of(v), Optional.empty());
    }

    static Result rejected(ReasonCode reason, String detail) {
      return new Result(Optional.empty(), Optional.of(Rejection.of(reason, detail)));
    }
  }

  /**
   * Checks one candidate against the image it was found attached to.
   *
   * @param candidate the candidate, possibly already rejected while reading
   * @param image the image's descriptor
   * @return the verified envelope or the rejection
   */
  static Result check(Candidate candidate, Descriptor image) {
    if (candidate.rejection().isPresent()) {
      return new Result(Optional.empty(), candidate.rejection());
    }
    MediaType type = candidate.envelopeType().orElseThrow();
    if (type.equals(COSE)) {
      return Result.rejected(
          ReasonCode.UNSUPPORTED_ALGORITHM,
          "COSE envelopes (" + COSE + ") are not verified by Custody yet; sign with JWS");
    }
    if (!type.equals(JWS)) {
      return Result.rejected(
          ReasonCode.MALFORMED,
          "the signature manifest's layer is not a Notary envelope (expected "
              + JWS
              + " or "
              + COSE
              + ", got "
              + Truncate.of(type.value())
              + ")");
    }
    SignerInfo info;
    try {
      info = NotaryEnvelopes.verify(type.value(), candidate.envelope());
    } catch (VerificationException e) {
      return Result.rejected(reasonFor(e), e.getMessage());
    }
    Optional<String> chain = CodeSigningChainRules.violation(info.chain(), info.signingTime());
    if (chain.isPresent()) {
      return Result.rejected(
          ReasonCode.UNTRUSTED_SIGNER,
          "the certificate chain is not valid for Notary code signing: " + chain.get());
    }
    if (!info.target().names(image)) {
      return Result.rejected(
          ReasonCode.SUBJECT_MISMATCH,
          "the signed targetArtifact names another artifact (expected "
              + image.digest()
              + ", "
              + image.size()
              + " bytes, "
              + image.mediaType()
              + "; got "
              + Truncate.of(info.target().digest())
              + ", "
              + info.target().size()
              + " bytes, "
              + Truncate.of(info.target().mediaType())
              + ")");
    }
    try {
      // parsed again only for the exact payload bytes; NotaryEnvelopes verified these same bytes
      return Result.ok(
          new VerifiedEnvelope(
              candidate.manifest(),
              candidate.envelope(),
              info,
              NotaryJwsReader.parse(candidate.envelope()).payload()));
    } catch (InvalidInputException e) {
      throw new IllegalStateException("an envelope that verified no longer parses", e);
    }
  }

  private static ReasonCode reasonFor(VerificationException e) {
    switch (e.reason()) {
      case VERIFICATION_FAILED:
        return ReasonCode.SIGNATURE_INVALID;
      case UNSUPPORTED:
        return ReasonCode.UNSUPPORTED_ALGORITHM;
      case LIMIT_EXCEEDED:
        return ReasonCode.LIMIT_EXCEEDED;
      default:
        return ReasonCode.MALFORMED;
    }
  }
}
