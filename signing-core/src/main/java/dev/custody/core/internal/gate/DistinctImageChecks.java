package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.gate.GateOptions;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.store.StoreException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * Resolves each distinct normalised reference once and checks each distinct (repository, digest)
 * once, concurrently on a bounded pool (the caller's executor, or {@link GateOptions#concurrency()}
 * threads of a pool that lives for one call). Both caches live as long as this object, i.e. one
 * gate run. The check key is the repository and digest only (attachments live in the repository;
 * a tag names nothing that stays put), so {@code app:1.4}, {@code app:stable} and {@code
 * app@sha256:…} naming one manifest are verified once, while one digest in two repositories is
 * verified twice. The check is given the reference pinned to the resolved digest, never the tag,
 * so it cannot re-resolve a tag that moved: the digest the gate pins is the one that was verified.
 */
final class DistinctImageChecks {
  private static final Logger LOG = LoggerFactory.getLogger(DistinctImageChecks.class);

  private final ImageResolver resolver;
  private final ImageCheck check;
  private final GateOptions options;
  private final Map<ImageReference, CompletableFuture<Resolution>> resolutions =
      new ConcurrentHashMap<>();
  private final Map<ImageReference, CompletableFuture<CheckResult>> checks =
      new ConcurrentHashMap<>();

  DistinctImageChecks(ImageResolver resolver, ImageCheck check, GateOptions options) {
    this.resolver = requireNonNull(resolver, "resolver");
    this.check = requireNonNull(check, "check");
    this.options = requireNonNull(options, "options");
  }

  /**
   * Resolves and checks every image, waiting for all.
   *
   * @param images the normalised references; duplicates are resolved and checked once
   * @return each reference's digest and result, in the order given
   * @throws StoreException if interrupted while waiting
   */
  Map<ImageReference, ResolvedCheck> checkAll(Collection<ImageReference> images)
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
      Map<ImageReference, CompletableFuture<ResolvedCheck>> started = new LinkedHashMap<>();
      for (ImageReference image : images) {
        started.put(
            image, resolution(image, executor).thenCompose(r -> checked(image, r, executor)));
      }
      Map<ImageReference, ResolvedCheck> results = new LinkedHashMap<>();
      for (Map.Entry<ImageReference, CompletableFuture<ResolvedCheck>> e : started.entrySet()) {
        results.put(e.getKey(), await(e.getValue()));
      }
      return results;
    } finally {
      if (own != null) {
        own.shutdownNow();
      }
    }
  }

  /** A reference that names its digest needs no store call; a tag is resolved once per run. */
  private CompletableFuture<Resolution> resolution(ImageReference image, Executor executor) {
    if (image.digest().isPresent()) {
      return CompletableFuture.completedFuture(Resolution.of(image.digest().get()));
    }
    return resolutions.computeIfAbsent(
        image, i -> CompletableFuture.supplyAsync(() -> resolve(i), executor));
  }

  private CompletableFuture<ResolvedCheck> checked(
      ImageReference image, Resolution resolution, Executor executor) {
    if (resolution.error.isPresent()) {
      return CompletableFuture.completedFuture(
          new ResolvedCheck(Optional.empty(), CheckResult.failed(resolution.error.get())));
    }
    Digest digest = resolution.digest.orElseThrow();
    ImageReference key = image.pinned(digest);
    return checks
        .computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> run(k), executor))
        .thenApply(result -> new ResolvedCheck(Optional.of(digest), result));
  }

  private Resolution resolve(ImageReference image) {
    try {
      Digest digest = requireNonNull(resolver.resolve(image), "resolver returned no digest");
      LOG.debug("gate resolved {} to {}", image, digest);
      return Resolution.of(digest);
    } catch (CustodyException e) {
      LOG.debug("gate could not resolve {}: {}", image, e.getMessage());
      return new Resolution(Optional.empty(), Optional.of(e));
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

  /** A tag's digest, or why it did not resolve. */
  private static final class Resolution {
    final Optional<Digest> digest;
    final Optional<CustodyException> error;

    Resolution(Optional<Digest> digest, Optional<CustodyException> error) {
      this.digest = digest;
      this.error = error;
    }

    static Resolution of(Digest digest) {
      return new Resolution(Optional.of(digest), Optional.empty());
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws StoreException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "gate: interrupted while images were being checked", e);
    } catch (CancellationException e) {
      throw new IllegalStateException("gate: an image check was cancelled", e);
    } catch (ExecutionException e) {
      // A resolver or check may fail only with CustodyException, which resolve() and run() turn
      // into results; anything else is a bug and must not be mistaken for a verdict.
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
