package dev.custody.core.internal.registry.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Which requests and failures are retried, and how long to wait (issue 3, "Robustness"):
 * exponential backoff from {@value #BASE_DELAY_MILLIS} ms with jitter (each wait is a random
 * point in [half, full] of the exponential step), capped by {@code maxDelay}; a {@code Retry-After}
 * (seconds or HTTP date) is honoured up to the same cap.
 */
final class RetryPolicy {
  static final long BASE_DELAY_MILLIS = 250;

  private final int maxRetries;
  private final Duration maxDelay;
  private final DoubleSupplier random;
  private final Clock clock;

  RetryPolicy(int maxRetries, Duration maxDelay, DoubleSupplier random, Clock clock) {
    this.maxRetries = maxRetries;
    this.maxDelay = maxDelay;
    this.random = random;
    this.clock = clock;
  }

  int maxRetries() {
    return maxRetries;
  }

  /**
   * GET and HEAD always; PUT and DELETE of a manifest (idempotent: same bytes, same digest);
   * anything tagged {@link SafeToRepeat}. Never blob-upload POST/PATCH/PUT: their session state
   * lives on the registry, so the protocol restarts the upload instead. Never a one-shot body.
   */
  static boolean isSafeToRepeat(Request request) {
    RequestBody body = request.body();
    if (body != null && body.isOneShot()) {
      return false;
    }
    if (request.tag(SafeToRepeat.class) != null) {
      return true;
    }
    switch (request.method()) {
      case "GET":
      case "HEAD":
        return true;
      case "PUT":
      case "DELETE":
        return request.url().encodedPath().contains("/manifests/");
      default:
        return false;
    }
  }

  /** 429 and 5xx, except 501 (not implemented) and 505, which a repeat cannot change. */
  static boolean isRetryableStatus(int code) {
    return code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
  }

  /**
   * Connection failures and timeouts are transient; TLS failures (certificates), unknown hosts and
   * Custody's own refusals are not.
   */
  static boolean isRetryableFailure(IOException e) {
    if (e instanceof SSLException || e instanceof UnknownHostException || e instanceof PlainHttpRefusedException) {
      return false;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false; // a call timeout or cancellation: stop
    }
    return true;
  }

  /** {@return the wait before attempt {@code attempt + 1}, after {@code attempt} failures} */
  Duration backoff(int attempt) {
    long exp = BASE_DELAY_MILLIS << Math.min(attempt - 1, 20);
    long capped = Math.min(exp, maxDelay.toMillis());
    double factor = 0.5 + 0.5 * Math.min(1.0, Math.max(0.0, random.getAsDouble()));
    return Duration.ofMillis((long) (capped * factor));
  }

  /** {@return the server's Retry-After, capped at {@code maxDelay}, if it parses} */
  Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration wait;
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 9) {
        wait = maxDelay;
      } else {
        wait = Duration.ofSeconds(Long.parseLong(value));
      }
    } else {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(clock.instant(), at);
        if (wait.isNegative()) {
          wait = Duration.ZERO;
        }
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(wait.compareTo(maxDelay) > 0 ? maxDelay : wait);
  }
}
