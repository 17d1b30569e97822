package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.gate.GateOptions;
import dev.custody.oci.ImageReference;
import dev.custody.store.StoreException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link ImageCheck} once per distinct normalised reference, distinct images concurrently
 * on a bounded pool (the caller's executor, or {@link GateOptions#concurrency()} threads of a pool
 * that lives for one call). The cache is keyed by the normalised reference and lives as long as
 * this object, i.e. one gate run: a reference is never resolved twice in a run, so the digest the
 * gate reports and pins is the one that was verified.
 */
final class DistinctImageChecks {
  private static final Logger LOG = LoggerFactory.getLogger(DistinctImageChecks.class);

  private final ImageCheck check;
  private final GateOptions options;
  private final Map<ImageReference, CompletableFuture<CheckResult>> cache =
      new ConcurrentHashMap<>();

  DistinctImageChecks(ImageCheck check, GateOptions options) {
    this.check = requireNonNull(check, "check");
    this.options = requireNonNull(options, "options");
  }

  /**
   * Checks every image (each once), waiting for all.
   *
   * @param images the references; duplicates are checked once
   * @return each reference's result, in the order given
   * @throws StoreException if interrupted while waiting
   */
  Map<ImageReference, CheckResult> checkAll(Collection<ImageReference> images)
      throws StoreException {
    ExecutorService own = null;
    Executor executor;
    if (options.executor().isPresent()) {
      executor = options.executor().get();
    } else {
      own =
          Executors.newFixedThreadPool(
              Math.max(1, Math.min(options.concurrency(), images.size())), threads());
      executor = own;
    }
    try {
      Map<ImageReference, CompletableFuture<CheckResult>> started = new LinkedHashMap<>();
      for (ImageReference image : images) {
        started.put(
            image,
            cache.computeIfAbsent(
                image, i -> CompletableFuture.supplyAsync(() -> run(i), executor)));
      }
      Map<ImageReference, CheckResult> results = new LinkedHashMap<>();
      for (Map.Entry<ImageReference, CompletableFuture<CheckResult>> e : started.entrySet()) {
        results.put(e.getKey(), await(e.getValue()));
      }
      return results;
    } finally {
      if (own != null) {
        own.shutdownNow();
      }
    }
  }

  private CheckResult run(ImageReference image) {
    try {
      CheckResult result = CheckResult.of(check.check(image));
      LOG.debug("gate checked {}: passed={}", image, result.outcome().orElseThrow().passed());
      return result;
    } catch (CustodyException e) {
      LOG.debug("gate could not check {}: {}", image, e.getMessage());
      return CheckResult.failed(e);
    }
  }

  private static CheckResult await(CompletableFuture<CheckResult> future) throws StoreException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "gate: interrupted while images were being checked", e);
    } catch (CancellationException e) {
      throw new IllegalStateException("gate: an image check was cancelled", e);
    } catch (ExecutionException e) {
      // A check may fail only with CustodyException, which run() turns into a result; anything
      // else is a bug and must not be mistaken for a verdict.
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("gate: image check failed", cause);
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "custody-gate-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
