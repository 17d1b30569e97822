package dev.custody.core.internal.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.internal.EvidenceAccess;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints {@link Evidence} for the verification pipeline. Call the {@code verified…} methods only
 * after the signature has verified over the exact bytes and the subject was checked: the policy
 * engine trusts what evidence says. The signed time is read here from the verified content
 * ({@link SignedTimes}), so every producer applies the same rules; content whose time field or
 * required fields are broken becomes a {@link ReasonCode#MALFORMED} candidate.
 */
public final class VerifiedEvidence {
  private VerifiedEvidence() {}

  /**
   * {@return a verified attestation, or a MALFORMED candidate if the predicate is not a JSON
   * object, its signed time is not RFC 3339, or a Custody predicate lacks a required field}
   *
   * @param predicateType the verified statement's predicate type
   * @param verifiedBy the key or certificate the envelope verified with
   * @param subject the image digest found in the statement's subject
   * @param storage where it was found
   * @param ref the digest of the manifest that carries it
   * @param predicate the predicate JSON bytes (empty bytes for an absent predicate)
   */
  public static Evidence attestation(
      String predicateType,
      SignerIdentity verifiedBy,
      Digest subject,
      EvidenceStorage storage,
      Digest ref,
      Bytes predicate) {
    requireNonNull(predicateType, "predicateType");
    EvidenceAccess.Draft d = draft(EvidenceKind.ATTESTATION, verifiedBy, subject, storage, ref);
    d.predicateType = predicateType;
    Bytes content = predicate.isEmpty() ? Bytes.utf8("{}") : predicate;
    try {
      JsonNode node = Json.read(content, "predicate " + predicateType);
      if (!node.isObject()) {
        throw new InvalidInputException("read predicate " + predicateType + ": not a JSON object");
      }
      checkRequired(predicateType, node);
      d.signedTime = SignedTimes.fromPredicate(predicateType, node).orElse(null);
      d.content = content;
    } catch (InvalidInputException e) {
      return malformed(d, e.getMessage());
    }
    return EvidenceAccess.get().mint(d);
  }

  /**
   * {@return a verified cosign signature, or a MALFORMED candidate if the payload's timestamp is
   * broken}
   *
   * @param verifiedBy the key or certificate the signature verified with
   * @param subject the digest named by {@code critical.image.docker-manifest-digest}
   * @param storage where it was found
   * @param ref the digest of the manifest that carries it
   * @param payload the verified simple-signing payload bytes
   */
  public static Evidence cosignSignature(
      SignerIdentity verifiedBy, Digest subject, EvidenceStorage storage, Digest ref, Bytes payload) {
    EvidenceAccess.Draft d = draft(EvidenceKind.SIGNATURE, verifiedBy, subject, storage, ref);
    d.format = SignatureFormat.COSIGN;
    try {
      JsonNode node = Json.read(payload, "cosign payload");
      d.signedTime = SignedTimes.fromCosignPayload(node).orElse(null);
      d.content = payload;
    } catch (InvalidInputException e) {
      return malformed(d, e.getMessage());
    }
    return EvidenceAccess.get().mint(d);
  }

  /**
   * {@return a verified Notary Project signature, or a MALFORMED candidate if the signing time is
   * not RFC 3339}
   *
   * @param verifiedBy the certificate chain identity the signature verified with
   * @param subject the digest named by the payload's {@code targetArtifact}
   * @param ref the digest of the signature manifest
   * @param payload the verified Notary payload bytes
   * @param signingTime {@code io.cncf.notary.signingTime} (or {@code authenticSigningTime}) from
   *     the verified protected header
   */
  public static Evidence notationSignature(
      SignerIdentity verifiedBy, Digest subject, Digest ref, Bytes payload, Optional<String> signingTime) {
    EvidenceAccess.Draft d =
        draft(EvidenceKind.SIGNATURE, verifiedBy, subject, EvidenceStorage.NOTATION, ref);
    d.format = SignatureFormat.NOTATION;
    try {
      Json.read(payload, "notation payload");
      if (signingTime.isPresent()) {
        d.signedTime = SignedTimes.rfc3339(signingTime.get(), "notation signingTime");
      }
      d.content = payload;
    } catch (InvalidInputException e) {
      return malformed(d, e.getMessage());
    }
    return EvidenceAccess.get().mint(d);
  }

  /**
   * {@return a candidate that failed verification, for the report}
   *
   * @param kind signature or attestation
   * @param format the signature format, if known (signatures only)
   * @param predicateType the claimed predicate type, if known (attestations only)
   * @param verifiedBy the key or certificate it was checked against, if any
   * @param attachedTo the digest it was found attached to
   * @param storage where it was found
   * @param ref the digest of the manifest that carries it
   * @param reason why it failed: SIGNATURE_INVALID, MALFORMED, UNSUPPORTED_ALGORITHM,
   *     SUBJECT_MISMATCH, PAYLOAD_TYPE_MISMATCH, UNTRUSTED_SIGNER, EXPIRED, LIMIT_EXCEEDED or
   *     CONDITION_FAILED (a required signed annotation is missing or differs)
   * @param detail what went wrong (untrusted values truncated)
   */
  public static Evidence failed(
      EvidenceKind kind,
      Optional<SignatureFormat> format,
      Optional<String> predicateType,
      Optional<SignerIdentity> verifiedBy,
      Digest attachedTo,
      EvidenceStorage storage,
      Digest ref,
      ReasonCode reason,
      String detail) {
    EvidenceAccess.Draft d = new EvidenceAccess.Draft();
    d.kind = requireNonNull(kind, "kind");
    d.format = format.orElse(null);
    d.predicateType = predicateType.orElse(null);
    d.verifiedBy = verifiedBy.orElse(null);
    d.subject = attachedTo;
    d.storage = storage;
    d.ref = ref;
    d.failure = requireNonNull(reason, "reason");
    d.failureDetail = PolicyErrors.shorten(requireNonNull(detail, "detail"), 300);
    return EvidenceAccess.get().mint(d);
  }

  private static EvidenceAccess.Draft draft(
      EvidenceKind kind, SignerIdentity verifiedBy, Digest subject, EvidenceStorage storage, Digest ref) {
    EvidenceAccess.Draft d = new EvidenceAccess.Draft();
    d.kind = kind;
    d.verifiedBy = requireNonNull(verifiedBy, "verifiedBy");
    d.subject = requireNonNull(subject, "subject");
    d.storage = requireNonNull(storage, "storage");
    d.ref = requireNonNull(ref, "ref");
    return d;
  }

  private static Evidence malformed(EvidenceAccess.Draft d, String detail) {
    d.failure = ReasonCode.MALFORMED;
    d.failureDetail = PolicyErrors.shorten(detail, 300);
    d.signedTime = null;
    d.content = Bytes.empty();
    return EvidenceAccess.get().mint(d);
  }

  /** POLICY.md "Custody's own predicates": approver and approvedAt are required. */
  private static void checkRequired(String predicateType, JsonNode predicate)
      throws InvalidInputException {
    if (predicateType.equals(SignedTimes.APPROVAL_V1)) {
      for (String field : new String[] {"approver", "approvedAt"}) {
        if (!predicate.path(field).isTextual() || predicate.path(field).asText().isEmpty()) {
          throw new InvalidInputException(
              "read approval predicate: " + field + " is required (expected a non-empty string)");
        }
      }
    }
    if (predicateType.equals(SignedTimes.PROMOTION_V1) && !predicate.path("promotedAt").isTextual()) {
      throw new InvalidInputException(
          "read promotion predicate: promotedAt is required (expected an RFC 3339 string)");
    }
  }

  /** {@return the time of {@code evidence} for messages, or {@code none}} */
  static String timeText(Optional<Instant> time) {
    return time.map(Instant::toString).orElse("none");
  }
}
