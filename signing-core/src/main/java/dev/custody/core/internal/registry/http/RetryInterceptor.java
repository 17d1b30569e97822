package dev.custody.core.internal.registry.http;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats requests that are safe to repeat after connection failures, {@code 429} and {@code 5xx}
 * (see {@link RetryPolicy}). Bounded twice: at most {@code maxRetries} repeats, and never a wait
 * that would end past the call timeout. When the registry keeps answering an error status, the
 * last response is returned for the protocol layer to turn into a typed error; when it cannot be
 * reached at all, {@link RetriesExhaustedException} says how many attempts were made.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Duration budget;
  private final LongSupplier nanoTime;

  RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Duration budget, LongSupplier nanoTime) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.budget = budget;
    this.nanoTime = nanoTime;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (policy.maxRetries() == 0 || !RetryPolicy.isSafeToRepeat(request)) {
      return chain.proceed(request);
    }
    long start = nanoTime.getAsLong();
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (!RetryPolicy.isRetryableFailure(e) || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = policy.backoff(attempt);
        if (attempt > policy.maxRetries() || !fits(start, wait)) {
          throw new RetriesExhaustedException(
              describe(request)
                  + ": registry unreachable after "
                  + attempt
                  + (attempt == 1 ? " attempt" : " attempts")
                  + " ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ")",
              attempt,
              e);
        }
        LOG.debug("{}: {} on attempt {}, retrying in {} ms", describe(request), e.getClass().getSimpleName(), attempt, wait.toMillis());
        sleeper.sleep(wait);
        continue;
      }
      int code = response.code();
      if (!RetryPolicy.isRetryableStatus(code)) {
        return response;
      }
      Duration wait =
          code == 429 || code == 503
              ? policy.retryAfter(response.header("Retry-After")).orElse(policy.backoff(attempt))
              : policy.backoff(attempt);
      if (attempt > policy.maxRetries() || !fits(start, wait)) {
        LOG.warn("{}: registry answered {} on {} attempts; giving up", describe(request), code, attempt);
        return response;
      }
      LOG.debug("{}: status {} on attempt {}, retrying in {} ms", describe(request), code, attempt, wait.toMillis());
      response.close();
      sleeper.sleep(wait);
      if (chain.call().isCanceled()) {
        throw new IOException(describe(request) + ": canceled");
      }
    }
  }

  private boolean fits(long start, Duration wait) {
    if (budget.isZero()) {
      return true;
    }
    long elapsed = nanoTime.getAsLong() - start;
    return elapsed + wait.toNanos() < budget.toNanos();
  }

  private static String describe(Request request) {
    return request.method() + " " + Redaction.url(request.url());
  }
}
