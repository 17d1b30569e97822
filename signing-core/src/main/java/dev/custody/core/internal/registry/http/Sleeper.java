package dev.custody.core.internal.registry.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between attempts; tests substitute one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}, turning an interrupt into {@link InterruptedIOException}. */
  Sleeper REAL =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
          io.initCause(e);
          throw io;
        }
      };

  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedIOException if the thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedIOException;
}
