package dev.custody.examples.admission;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.examples.admission.AdmissionReviews.ContainerImage;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Verifies the images of one pod against the deadline: each distinct image once (fifty containers
 * of one image cost one evaluation), distinct images concurrently on the webhook's bounded pool,
 * and whatever has not finished when the deadline passes is a denial. Every failure denies: an
 * image that cannot be parsed, read or evaluated in time counts as unverified (fails closed).
 */
final class PodVerification {
  /** More distinct images than this in one pod is refused rather than queued. */
  static final int MAX_DISTINCT_IMAGES = 64;

  private final ImageCheck check;
  private final ExecutorService pool;
  private final Duration deadline;

  PodVerification(ImageCheck check, ExecutorService pool, Duration deadline) {
    this.check = requireNonNull(check, "check");
    this.pool = requireNonNull(pool, "pool");
    this.deadline = requireNonNull(deadline, "deadline");
  }

  /**
   * Verifies the images.
   *
   * @param images the pod's images
   * @return one reason per image that failed; empty if the pod may run
   */
  List<String> denials(List<ContainerImage> images) {
    long end = System.nanoTime() + deadline.toNanos();
    List<String> denials = new ArrayList<>();
    Map<ImageReference, String> firstPath = new LinkedHashMap<>();
    for (ContainerImage container : images) {
      Optional<ImageReference> reference = ImageReference.tryParse(container.image());
      if (reference.isEmpty()) {
        denials.add(container.path() + ": \"" + shorten(container.image()) + "\" is not an image reference");
      } else {
        firstPath.putIfAbsent(reference.get(), container.path());
      }
    }
    if (firstPath.size() > MAX_DISTINCT_IMAGES) {
      denials.add(
          "the pod names " + firstPath.size() + " distinct images (at most " + MAX_DISTINCT_IMAGES
              + " are verified)");
      return denials;
    }
    Map<ImageReference, Future<CustodyReport>> running = new LinkedHashMap<>();
    try {
      for (ImageReference image : firstPath.keySet()) {
        try {
          running.put(image, pool.submit(() -> check.check(image)));
        } catch (RejectedExecutionException e) {
          denials.add("image " + image + ": not verified, the verifier is busy (fails closed)");
        }
      }
      for (Map.Entry<ImageReference, Future<CustodyReport>> entry : running.entrySet()) {
        outcome(entry.getKey(), entry.getValue(), end).ifPresent(denials::add);
      }
    } finally {
      running.values().forEach(f -> f.cancel(true));
    }
    return denials;
  }

  private Optional<String> outcome(ImageReference image, Future<CustodyReport> future, long end) {
    try {
      CustodyReport report = future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      return report.passed() ? Optional.empty() : Optional.of(describe(image, report));
    } catch (TimeoutException e) {
      return Optional.of(
          "image " + image + ": not verified within the deadline of " + deadline.toMillis()
              + " ms (fails closed)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof CustodyException
              ? cause.getMessage()
              : "internal error " + cause.getClass().getSimpleName();
      return Optional.of("image " + image + ": cannot be verified: " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("image " + image + ": verification interrupted (fails closed)");
    }
  }

  /** {@code image X (sha256:…): stage scan NO_EVIDENCE no attestation …; stage approve …}. */
  private static String describe(ImageReference image, CustodyReport report) {
    StringBuilder text = new StringBuilder("image ").append(image).append(" (").append(report.digest()).append(")");
    String separator = ": ";
    for (StageResult stage : report.stages()) {
      if (stage.satisfied()) {
        continue;
      }
      text.append(separator).append("stage ").append(stage.name()).append(' ')
          .append(stage.reason().map(Enum::name).orElse("")).append(' ').append(stage.detail());
      for (RejectedCandidate rejected : stage.rejected()) {
        text.append(" [").append(rejected.reason()).append(' ').append(rejected.detail()).append(']');
      }
      separator = "; ";
    }
    if (separator.equals(": ")) {
      text.append(": failed for a platform of the index");
    }
    return text.toString();
  }

  private static String shorten(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
