package dev.custody.core.internal.attach.attest;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.policy.VerifiedEvidence;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one DSSE envelope found attached to an image (FORMATS.md §3.7, §6.4; ARCHITECTURE.md
 * "The way of a verification"), in this order: the signature over PAE(payloadType, payload) with
 * each trusted key (the key fixes the algorithm; a key id or hint never selects a key), then the
 * payload type, then the statement is parsed from exactly the verified bytes, then its subject must
 * name the image digest (a name alone is not evidence). Each trusted key that verifies a signature
 * of the envelope yields one piece of evidence; a candidate that fails yields one failed piece with
 * its reason. Stateless.
 */
final class EnvelopeVerifier {
  private EnvelopeVerifier() {}

  /** Where an envelope was found and what its storage claimed (unsigned) about it. */
  record Found(
      Digest attachedTo,
      EvidenceStorage storage,
      Digest ref,
      Optional<String> claimedType,
      List<String> keyHints) {}

  /** {@return the evidence {@code envelope} gives for the image {@code found.attachedTo()}} */
  static List<Evidence> verify(DsseEnvelope envelope, Found found, TrustedKeys trust) {
    List<SignerIdentity> verifiedBy = signers(envelope, trust);
    if (verifiedBy.isEmpty()) {
      return List.of(unverified(envelope, found, trust));
    }
    Optional<SignerIdentity> first = Optional.of(verifiedBy.get(0));
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      return List.of(
          failed(
              found,
              found.claimedType(),
              first,
              ReasonCode.PAYLOAD_TYPE_MISMATCH,
              "payload type \""
                  + shorten(envelope.payloadType())
                  + "\" is not an in-toto statement"
                  + " (expected "
                  + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE
                  + ")"));
    }
    Statement statement;
    try {
      statement = StatementCodec.parse(envelope.payload());
    } catch (InvalidInputException e) {
      return List.of(
          failed(found, found.claimedType(), first, ReasonCode.MALFORMED, e.getMessage()));
    }
    Optional<String> type = Optional.of(statement.predicateType());
    if (!statement.hasSubject(found.attachedTo())) {
      return List.of(
          failed(
              found,
              type,
              first,
              ReasonCode.SUBJECT_MISMATCH,
              "the statement's subjects "
                  + subjects(statement)
                  + " do not name the image "
                  + found.attachedTo()));
    }
    Bytes predicate = Json.write(statement.predicate());
    List<Evidence> out = new ArrayList<>();
    for (SignerIdentity identity : verifiedBy) {
      out.add(
          VerifiedEvidence.attestation(
              statement.predicateType(),
              identity,
              found.attachedTo(),
              found.storage(),
              found.ref(),
              predicate));
    }
    return out;
  }

  /** {@return a failed candidate, for envelopes that could not even be decoded} */
  static Evidence failed(
      Found found,
      Optional<String> type,
      Optional<SignerIdentity> by,
      ReasonCode reason,
      String detail) {
    return VerifiedEvidence.failed(
        EvidenceKind.ATTESTATION,
        Optional.empty(),
        type,
        by,
        found.attachedTo(),
        found.storage(),
        found.ref(),
        reason,
        detail);
  }

  /** {@return every trusted key that verifies some signature of the envelope, in trust order} */
  private static List<SignerIdentity> signers(DsseEnvelope envelope, TrustedKeys trust) {
    Bytes pae = envelope.pae();
    List<SignerIdentity> out = new ArrayList<>();
    for (TrustedKeys.Key key : trust.keys()) {
      for (DsseSignature sig : envelope.signatures()) {
        try {
          key.verifier().verify(pae, sig.sig());
          out.add(key.identity());
          break;
        } catch (VerificationException e) {
          // not this key; DSSE signatures are independent, try the next one
        }
      }
    }
    return out;
  }

  /**
   * Why no trusted key verified the envelope. The key hints are unauthenticated, so they only
   * choose the wording: a hint that names no trusted key means another key signed it.
   */
  private static Evidence unverified(DsseEnvelope envelope, Found found, TrustedKeys trust) {
    List<String> hints = new ArrayList<>(found.keyHints());
    envelope.signatures().stream()
        .map(DsseSignature::keyId)
        .filter(h -> !h.isEmpty())
        .forEach(hints::add);
    if (trust.keys().isEmpty()) {
      return failed(
          found,
          found.claimedType(),
          Optional.empty(),
          ReasonCode.UNTRUSTED_SIGNER,
          "no trusted public key to verify attestations with");
    }
    if (!hints.isEmpty() && hints.stream().noneMatch(trust::hasHint)) {
      return failed(
          found,
          found.claimedType(),
          Optional.empty(),
          ReasonCode.UNTRUSTED_SIGNER,
          "signed with key " + shorten(hints.get(0)) + ", which is not a trusted key");
    }
    return failed(
        found,
        found.claimedType(),
        Optional.empty(),
        ReasonCode.SIGNATURE_INVALID,
        "the DSSE signature does not verify with any of the "
            + trust.keys().size()
            + " trusted key(s)");
  }

  private static String subjects(Statement statement) {
    List<String> out = new ArrayList<>();
    statement.subjects().forEach(s -> out.add(shorten(s.digest().toString())));
    return String.join(", ", out);
  }

  private static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
