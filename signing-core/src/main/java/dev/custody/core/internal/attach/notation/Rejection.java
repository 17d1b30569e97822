package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.policy.ReasonCode;

/**
 * Why one Notary signature candidate was not accepted: a typed reason for the report and a detail
 * sentence (untrusted values already shortened).
 *
 * @param reason the reason code
 * @param detail what went wrong
 */
record Rejection(ReasonCode reason, String detail) {
  Rejection {
    requireNonNull(reason, "reason");
    requireNonNull(detail, "detail");
  }

  static Rejection of(ReasonCode reason, String detail) {
    return new Rejection(reason, detail);
  }
}
