package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.SignerIdentity;
import java.util.Optional;

/**
 * Whether one source of trust (a notation trust policy, or Custody's trusted signers) accepts a
 * verified envelope: the identity it accepted it as, or the rejection, which may still name the
 * identity that was checked (a trusted signer whose signature expired).
 *
 * @param identity the signer identity, when accepted or when a rejection concerns a known signer
 * @param rejection why not, if not accepted
 */
record TrustDecision(Optional<SignerIdentity> identity, Optional<Rejection> rejection) {
  TrustDecision {
    requireNonNull(identity, "identity");
    requireNonNull(rejection, "rejection");
    if (rejection.isEmpty() && identity.isEmpty()) {
      throw new IllegalArgumentException("an accepted signature needs its identity");
    }
  }

  static TrustDecision accepted(SignerIdentity identity) {
    return new TrustDecision(Optional.of(identity), Optional.empty());
  }

  static TrustDecision rejected(Rejection rejection) {
    return new TrustDecision(Optional.empty(), Optional.of(rejection));
  }

  static TrustDecision rejected(SignerIdentity identity, Rejection rejection) {
    return new TrustDecision(Optional.of(identity), Optional.of(rejection));
  }

  boolean isAccepted() {
    return rejection.isEmpty();
  }
}
