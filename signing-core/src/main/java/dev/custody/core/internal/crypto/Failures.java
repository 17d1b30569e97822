package dev.custody.core.internal.crypto;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.VerificationException;

/** The two ways a signature fails, phrased once. */
final class Failures {
  private Failures() {}

  static VerificationException malformed(PublicKeyInfo key, String expected) {
    return new VerificationException(
        Reason.VERIFICATION_FAILED,
        "verify signature with " + key.algorithm() + " key " + key.keyId()
            + ": malformed signature (expected " + expected + ")",
        null);
  }

  static VerificationException invalid(PublicKeyInfo key) {
    return new VerificationException(
        Reason.VERIFICATION_FAILED,
        "verify signature with " + key.algorithm() + " key " + key.keyId()
            + ": signature does not match the message and key",
        null);
  }
}
