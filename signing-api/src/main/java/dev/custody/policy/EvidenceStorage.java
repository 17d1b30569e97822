package dev.custody.policy;

/** Where a piece of evidence was found in the store; reported so an auditor can fetch it. */
public enum EvidenceStorage {
  /** A cosign signature in the legacy tag scheme ({@code sha256-<hex>.sig}). */
  COSIGN_SIG("cosign-sig"),
  /** A cosign attestation in the legacy tag scheme ({@code sha256-<hex>.att}). */
  COSIGN_ATT("cosign-att"),
  /** A Sigstore bundle stored as an OCI 1.1 referrer. */
  REFERRER_BUNDLE("referrer-bundle"),
  /** A Notary Project signature stored as an OCI 1.1 referrer. */
  NOTATION("notation");

  private final String id;

  EvidenceStorage(String id) {
    this.id = id;
  }

  /** {@return the name used in the JSON report, e.g. {@code cosign-att}} */
  public String id() {
    return id;
  }
}
