package dev.custody.core.internal.attach.attest;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.pki.CertificateSigners;
import dev.custody.core.internal.pki.ClaimedChain;
import dev.custody.core.internal.policy.SignedTimes;
import dev.custody.core.internal.policy.VerifiedEvidence;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.KeyException;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one DSSE envelope found attached to an image (FORMATS.md §3.7, §6.4; ARCHITECTURE.md
 * "The way of a verification"), in this order: the signature over PAE(payloadType, payload) with
 * each trusted key (the key fixes the algorithm; a key id or hint never selects a key) or, failing
 * that, with the key of the certificate the storage carries, then the payload type, then the statement is parsed from exactly the verified bytes, then its subject must
 * name the image digest (a name alone is not evidence); a certificate's chain must then be accepted
 * by a certificate signer at the statement's signed time (POLICY.md "Signed time"), or at the
 * verification time when the predicate has none. Each trusted key that verifies a signature
 * of the envelope yields one piece of evidence; a candidate that fails yields one failed piece with
 * its reason. Stateless.
 */
final class EnvelopeVerifier {
  private EnvelopeVerifier() {}

  /**
   * Where an envelope was found and what its storage claimed (unsigned) about it: the predicate
   * type, key hints, and the certificate chain of a {@code .att} layer's annotations or a bundle.
   */
  record Found(
      Digest attachedTo,
      EvidenceStorage storage,
      Digest ref,
      Optional<String> claimedType,
      List<String> keyHints,
      ClaimedChain chain) {
    Found(
        Digest attachedTo,
        EvidenceStorage storage,
        Digest ref,
        Optional<String> claimedType,
        List<String> keyHints) {
      this(attachedTo, storage, ref, claimedType, keyHints, ClaimedChain.none());
    }
  }

  /** {@return the evidence {@code envelope} gives for the image {@code found.attachedTo()}} */
  static List<Evidence> verify(DsseEnvelope envelope, Found found, TrustedKeys trust) {
    List<SignerIdentity> verifiedBy = signers(envelope, trust);
    List<X509Certificate> chain = List.of();
    if (verifiedBy.isEmpty()) {
      if (!found.chain().isPresent() || trust.certificates().isEmpty()) {
        return List.of(unverified(envelope, found, trust));
      }
      // signed with the key of the certificate the storage carries; its chain is trusted below,
      // once the statement's signed time is known
      try {
        chain = found.chain().parse();
      } catch (KeyException e) {
        return List.of(
            failed(
                found,
                found.claimedType(),
                Optional.empty(),
                e.reason() == Reason.LIMIT_EXCEEDED
                    ? ReasonCode.LIMIT_EXCEEDED
                    : ReasonCode.MALFORMED,
                e.getMessage()));
      }
      Optional<Evidence> broken = verifyWithLeaf(envelope, found, chain.get(0));
      if (broken.isPresent()) {
        return List.of(broken.get());
      }
    }
    Optional<SignerIdentity> first = verifiedBy.stream().findFirst();
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
    if (!chain.isEmpty()) {
      Optional<Instant> signedTime;
      try {
        signedTime = SignedTimes.fromPredicate(statement.predicateType(), statement.predicate());
      } catch (InvalidInputException e) {
        return List.of(failed(found, type, Optional.empty(), ReasonCode.MALFORMED, e.getMessage()));
      }
      CertificateSigners.Decision decision =
          trust.certificates().decide(chain, signedTime.orElse(trust.now()));
      if (!decision.isAccepted()) {
        return List.of(
            failed(found, type, decision.identity(), decision.failure().get(), decision.detail()));
      }
      verifiedBy = List.of(decision.identity().get());
    }
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

  /**
   * {@return empty if some signature of the envelope verifies with the leaf's key, else the failed
   * candidate}
   */
  private static Optional<Evidence> verifyWithLeaf(
      DsseEnvelope envelope, Found found, X509Certificate leaf) {
    Verifier verifier;
    try {
      verifier = BcVerifiers.of(Certificates.publicKey(leaf, "leaf certificate"));
    } catch (KeyException e) {
      return Optional.of(
          failed(
              found,
              found.claimedType(),
              Optional.empty(),
              ReasonCode.UNSUPPORTED_ALGORITHM,
              "the certificate's key: " + e.getMessage()));
    }
    Bytes pae = envelope.pae();
    for (DsseSignature sig : envelope.signatures()) {
      try {
        verifier.verify(pae, sig.sig());
        return Optional.empty();
      } catch (VerificationException e) {
        // DSSE signatures are independent; another may be the certificate's
      }
    }
    return Optional.of(
        failed(
            found,
            found.claimedType(),
            Optional.empty(),
            ReasonCode.SIGNATURE_INVALID,
            "the DSSE signature does not verify with the key of the certificate it carries"));
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
          trust.certificates().isEmpty()
              ? "no trusted public key or certificate signer to verify attestations with"
              : "no trusted public key, and the attestation carries no certificate for the "
                  + trust.certificates().size()
                  + " certificate signer(s)");
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
