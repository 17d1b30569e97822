package dev.custody.verify;

/** The overall outcome of verifying the signatures of one image. */
public enum SignatureOutcome {
  /** At least one signature verified against trusted material (for every platform, when required). */
  VERIFIED,
  /** The image carries no signatures at all. */
  NO_SIGNATURES,
  /** The image carries signatures, but none verified against trusted material. */
  NONE_TRUSTED,
  /** The index is signed but some platform manifests are not (with {@code requireAllPlatforms}). */
  PLATFORMS_UNSIGNED,
  /**
   * The Notary trust policy statement that governs the image has level {@code skip}: as notation
   * does ("Trust policy is configured to skip signature verification"), the image needs no
   * signature, and Notary signatures are not read at all. This outcome <b>passes without any
   * verified signature</b>; it arises only when {@link VerifyOptions#trustPolicy()} is given and
   * its statement for the image's repository says {@code skip}, and only when no signature of
   * another format verified (then the outcome is {@link #VERIFIED}). Custody policies never skip:
   * they name their own signers.
   */
  SKIPPED;

  /**
   * {@return whether this outcome means the verification passed: {@link #VERIFIED}, or {@link
   * #SKIPPED} because the trust policy asks for no verification}
   */
  public boolean passed() {
    return this == VERIFIED || this == SKIPPED;
  }
}
