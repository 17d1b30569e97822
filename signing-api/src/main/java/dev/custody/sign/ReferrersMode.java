package dev.custody.sign;

/**
 * Where a new signature or attestation is stored (cosign's {@code --registry-referrers-mode}).
 * Verification always reads every mode.
 */
public enum ReferrersMode {
  /** cosign's tag scheme, {@code sha256-<hex>.sig} / {@code .att}: what every verifier in use reads. */
  LEGACY,
  /** An OCI 1.1 referrer carrying a Sigstore bundle v0.3, as cosign v3 writes it. */
  OCI_1_1
}
