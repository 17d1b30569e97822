package dev.custody.core.internal.notary.trust;

import java.util.Optional;

/**
 * The checks a Notary Project verification runs, in the order notation-go runs them
 * ({@code verifier/verifier.go} {@code processSignature}): integrity, authenticity (which includes
 * the trusted identity), expiry, authentic timestamp, revocation. Spec:
 * {@code notaryproject/specifications:specs/trust-store-trust-policy.md}, "Signature Verification
 * details"; FORMATS.md §5.7.
 */
public enum Check {
  /** The envelope parses, its signature verifies with the leaf key, the chain is well formed. */
  INTEGRITY("integrity"),
  /** The chain contains a certificate of the policy's trust store, and the identity matches. */
  AUTHENTICITY("authenticity"),
  /** The signing chain was valid at an authentic time (an RFC 3161 timestamp, or now). */
  AUTHENTIC_TIMESTAMP("authenticTimestamp"),
  /** The signature's own {@code io.cncf.notary.expiry} has not passed. */
  EXPIRY("expiry"),
  /** No certificate of the chain is revoked. Custody does not check revocation (see evaluator). */
  REVOCATION("revocation");

  private final String jsonName;

  Check(String jsonName) {
    this.jsonName = jsonName;
  }

  /** {@return the name trust policies use for this check, e.g. {@code authenticTimestamp}} */
  public String jsonName() {
    return jsonName;
  }

  /** {@return the check the policy calls {@code name}, exact spelling} */
  public static Optional<Check> fromJsonName(String name) {
    for (Check check : values()) {
      if (check.jsonName.equals(name)) {
        return Optional.of(check);
      }
    }
    return Optional.empty();
  }
}
