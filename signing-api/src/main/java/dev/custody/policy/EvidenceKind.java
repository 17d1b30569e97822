package dev.custody.policy;

/** What a piece of evidence is: a plain image signature or a signed attestation. */
public enum EvidenceKind {
  /** A signature over the image digest (cosign simple signing or a Notary Project signature). */
  SIGNATURE,
  /** An in-toto statement in a DSSE envelope whose subject is the image digest. */
  ATTESTATION;

  /** {@return the name used in the JSON report: {@code signature} or {@code attestation}} */
  public String id() {
    return this == SIGNATURE ? "signature" : "attestation";
  }
}
