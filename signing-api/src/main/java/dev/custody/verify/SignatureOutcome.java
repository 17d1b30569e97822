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
  PLATFORMS_UNSIGNED;

  /** {@return whether this outcome means the verification passed} */
  public boolean passed() {
    return this == VERIFIED;
  }
}
