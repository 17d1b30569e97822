package dev.custody.core.internal.policy;

import dev.custody.core.internal.pki.SubjectPatterns;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;

/** Whether a verifying identity is a trusted signer: the same key, or a matching certificate. */
final class SignerMatch {
  private SignerMatch() {}

  /** {@return whether {@code identity} is {@code signer}'s key, or a certificate it trusts} */
  static boolean matches(TrustedSigner signer, SignerIdentity identity) {
    if (identity.keyFingerprint().isPresent()) {
      return signer.keyFingerprint().equals(identity.keyFingerprint());
    }
    return signer.subjectPattern().isPresent()
        && signer.rootFingerprints().contains(identity.rootFingerprint().get())
        && SubjectPatterns.matches(signer.subjectPattern().get(), identity.subject().get());
  }
}
