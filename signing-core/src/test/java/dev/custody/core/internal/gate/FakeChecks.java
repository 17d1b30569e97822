package dev.custody.core.internal.gate;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake image checks that record every call, standing in for verification (built elsewhere). */
final class FakeChecks {
  private FakeChecks() {}

  /** {@return a stable digest standing for the content named {@code name}} */
  static Digest digest(String name) {
    return Digest.of(Bytes.utf8(name));
  }

  /**
   * Passes images whose repository ({@link ImageReference#context()}) is in {@code signed}; the
   * digest is the reference's own, else the digest of its repository and tag.
   */
  static final class Counting implements ImageCheck {
    final Map<ImageReference, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> signed;

    Counting(Set<String> signed) {
      this.signed = Set.copyOf(signed);
    }

    static Digest digestOf(ImageReference image) {
      return image.digest().orElse(digest(image.context() + ":" + image.tag().orElse("")));
    }

    @Override
    public CheckOutcome check(ImageReference image) {
      calls.computeIfAbsent(image, i -> new AtomicInteger()).incrementAndGet();
      Digest d = digestOf(image);
      return signed.contains(image.context())
          ? CheckOutcome.pass(d, List.of("signed by release"))
          : CheckOutcome.fail(Optional.of(d), List.of("no signatures found (NO_SIGNATURES)"));
    }

    int total() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int callsFor(String reference) {
      AtomicInteger n = calls.get(ImageReference.parse(reference));
      return n == null ? 0 : n.get();
    }
  }

  /**
   * A registry whose tags move: every resolution of a tag returns the digest the tag points at now,
   * and then an attacker (or a careless push) moves the tag to a new digest. A gate that resolved
   * twice would pin the moved digest.
   */
  static final class MovingTags implements ImageCheck {
    final Map<ImageReference, AtomicInteger> resolutions = new ConcurrentHashMap<>();

    static Digest first(ImageReference image) {
      return digest(image + " before the push");
    }

    static Digest moved(ImageReference image) {
      return digest(image + " after the push");
    }

    Digest resolve(ImageReference image) {
      int n = resolutions.computeIfAbsent(image, i -> new AtomicInteger()).getAndIncrement();
      return n == 0 ? first(image) : moved(image);
    }

    @Override
    public CheckOutcome check(ImageReference image) {
      return CheckOutcome.pass(resolve(image), List.of("signed"));
    }
  }
}
