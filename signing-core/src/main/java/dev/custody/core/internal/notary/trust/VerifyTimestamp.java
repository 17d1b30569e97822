package dev.custody.core.internal.notary.trust;

/** {@code signatureVerification.verifyTimestamp}: when an RFC 3161 timestamp is required. */
public enum VerifyTimestamp {
  /** Whenever the policy names a {@code tsa:} store (the default). */
  ALWAYS,
  /** Only once a certificate of the signing chain has expired. */
  AFTER_CERT_EXPIRY
}
