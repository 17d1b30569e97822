package dev.custody.attest;

/** The overall outcome of verifying the attestations of one predicate type on one image. */
public enum AttestationOutcome {
  /**
   * At least one attestation of the type verified against trusted keys and names the image digest
   * (for every platform manifest too, when all platforms are required).
   */
  VERIFIED,
  /** No attestation of the type was found at all: a missing attestation is a failure. */
  NO_ATTESTATIONS,
  /** Attestations were found, but none verified and named the image digest. */
  NONE_VERIFIED,
  /** The index has a verified attestation but some platform manifests do not. */
  PLATFORMS_UNATTESTED;

  /** {@return whether this outcome means the verification passed} */
  public boolean passed() {
    return this == VERIFIED;
  }
}
