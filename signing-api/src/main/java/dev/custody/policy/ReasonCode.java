package dev.custody.policy;

/**
 * Why a candidate piece of evidence was rejected, or why a stage was not satisfied. The names are
 * stable: they appear verbatim in the JSON report and users script against them (POLICY.md).
 */
public enum ReasonCode {
  /** No candidate of the kind the stage asks for was found at all. */
  NO_EVIDENCE,
  /** The signature did not verify against the key or certificate it claims. */
  SIGNATURE_INVALID,
  /** It verified, but with a key or certificate the stage does not trust. */
  UNTRUSTED_SIGNER,
  /** The signed payload or statement subject names another digest than the image's. */
  SUBJECT_MISMATCH,
  /** The envelope's payload type is not the one the format requires (e.g. not in-toto). */
  PAYLOAD_TYPE_MISMATCH,
  /** The candidate could not be decoded (bad JSON, base64, envelope or certificate). */
  MALFORMED,
  /** The candidate uses a signature algorithm or key type Custody does not verify. */
  UNSUPPORTED_ALGORITHM,
  /** The signed content does not meet one of the stage's conditions. */
  CONDITION_FAILED,
  /** The signed time is older than the stage's {@code maxAge}. */
  TOO_OLD,
  /** The signed time predates the evidence that satisfied the previous stage. */
  OUT_OF_ORDER,
  /** A signed time is needed (maxAge, order, signer validity) and the evidence carries none. */
  NO_SIGNED_TIME,
  /** The signed time falls outside the signer's validity window. */
  OUTSIDE_SIGNER_VALIDITY,
  /** Another piece of evidence from the same signer was already counted. */
  DUPLICATE_SIGNER,
  /** Fewer distinct signers than the stage's threshold provided valid evidence. */
  THRESHOLD_NOT_MET,
  /** The signature or its certificate carries an expiry that has passed. */
  EXPIRED,
  /** For an image index: at least one platform manifest did not satisfy the stage. */
  PLATFORM_UNSATISFIED,
  /** The candidate exceeded a bound (size, count) and was not examined further. */
  LIMIT_EXCEEDED
}
