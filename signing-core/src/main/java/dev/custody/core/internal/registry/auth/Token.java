package dev.custody.core.internal.registry.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A bearer token for one registry host and scope set, valid until {@code expiresAt}.
 *
 * @param value the token; never logged
 * @param expiresAt when to stop using it (already shortened by a safety margin)
 */
record Token(String value, Instant expiresAt) {
  Token {
    requireNonNull(value, "value");
    requireNonNull(expiresAt, "expiresAt");
  }

  boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "Token[██, expires " + expiresAt + "]";
  }
}
