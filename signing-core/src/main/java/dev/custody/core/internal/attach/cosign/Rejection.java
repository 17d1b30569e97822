package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.policy.VerifiedEvidence;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import java.util.Optional;

/**
 * Why a cosign candidate was rejected, before it becomes evidence.
 *
 * @param reason the typed reason for the report
 * @param detail what went wrong, for people (untrusted values already shortened)
 * @param checkedWith the trusted key the signature did verify with, when the rejection came after
 *     verification (a subject or annotation mismatch)
 */
record Rejection(ReasonCode reason, String detail, Optional<SignerIdentity> checkedWith) {
  Rejection {
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
    requireNonNull(checkedWith, "checkedWith");
  }

  static Rejection of(ReasonCode reason, String detail) {
    return new Rejection(reason, detail, Optional.empty());
  }

  /** {@return the rejected candidate as evidence for the report} */
  Evidence toEvidence(Digest attachedTo, EvidenceStorage storage, Digest ref) {
    return VerifiedEvidence.failed(
        EvidenceKind.SIGNATURE,
        Optional.of(SignatureFormat.COSIGN),
        Optional.empty(),
        checkedWith,
        attachedTo,
        storage,
        ref,
        reason,
        detail);
  }
}
