package dev.custody.core.internal.registry.auth;

import java.io.IOException;

/** The token service refused the credentials (401/403): retrying with the same ones is futile. */
final class TokenRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  TokenRejectedException(String message) {
    super(message);
  }
}
