package dev.custody.core.internal.registry.http;

import java.io.IOException;

/** A request that is safe to repeat failed on every allowed attempt. */
public final class RetriesExhaustedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  RetriesExhaustedException(String message, int attempts, IOException cause) {
    super(message, cause);
    this.attempts = attempts;
  }

  /** {@return how many attempts were made} */
  public int attempts() {
    return attempts;
  }
}
