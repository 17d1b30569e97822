package dev.custody.core.internal.gate;

import dev.custody.Bytes;
import dev.custody.gate.GateOptions;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fake resolvers and image checks that record every call, standing in for the registry and
 * verification (built elsewhere).
 */
final class FakeChecks {
  private FakeChecks() {}

  /** A registry whose tags never move: a tag names the digest of its repository and tag. */
  static final ImageResolver FIXED_TAGS = Counting::digestOf;

  /**
   * {@return a gate with {@code check}, resolving tags with {@code check} itself when it is also
   * a resolver, else with {@link #FIXED_TAGS}}
   */
  static Gate gate(ImageCheck check, GateOptions options) {
    ImageResolver resolver = check instanceof ImageResolver ? (ImageResolver) check : FIXED_TAGS;
    return new Gate(resolver, check, options);
  }

  /** {@return a stable digest standing for the content named {@code name}} */
  static Digest digest(String name) {
    return Digest.of(Bytes.utf8(name));
  }

  /**
   * Resolves a tag to the digest of its repository and tag, and passes images whose repository
   * ({@link ImageReference#context()}) is in {@code signed}; counts resolutions per reference and
   * checks per reference checked (always pinned to a digest by the gate).
   */
  static final class Counting implements ImageResolver, ImageCheck {
    final Map<ImageReference, AtomicInteger> resolutions = new ConcurrentHashMap<>();
    final Map<ImageReference, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> signed;

    Counting(Set<String> signed) {
      this.signed = Set.copyOf(signed);
    }

    static Digest digestOf(ImageReference image) {
      return image.digest().orElse(digest(image.context() + ":" + image.tag().orElse("")));
    }

    @Override
    public Digest resolve(ImageReference image) {
      resolutions.computeIfAbsent(image, i -> new AtomicInteger()).incrementAndGet();
      return digestOf(image);
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

    /** {@return how often the image {@code reference} names was checked, pinned to its digest} */
    int callsFor(String reference) {
      ImageReference image = ImageReference.parse(reference);
      AtomicInteger n = calls.get(image.pinned(digestOf(image)));
      return n == null ? 0 : n.get();
    }

    int resolutionsOf(String reference) {
      AtomicInteger n = resolutions.get(ImageReference.parse(reference));
      return n == null ? 0 : n.get();
    }
  }

  /**
   * A registry whose tags move: every resolution of a tag returns the digest the tag points at now,
   * and then an attacker (or a careless push) moves the tag to a new digest. A gate that resolved
   * twice would pin the moved digest; a check given the tag rather than the digest would resolve
   * it again and verify the moved one.
   */
  static final class MovingTags implements ImageResolver, ImageCheck {
    final Map<ImageReference, AtomicInteger> resolutions = new ConcurrentHashMap<>();
    final List<ImageReference> checked = new java.util.concurrent.CopyOnWriteArrayList<>();

    static Digest first(ImageReference image) {
      return digest(image + " before the push");
    }

    static Digest moved(ImageReference image) {
      return digest(image + " after the push");
    }

    @Override
    public Digest resolve(ImageReference image) {
      int n = resolutions.computeIfAbsent(image, i -> new AtomicInteger()).getAndIncrement();
      return n == 0 ? first(image) : moved(image);
    }

    @Override
    public CheckOutcome check(ImageReference image) {
      checked.add(image);
      return CheckOutcome.pass(image.digest().orElseGet(() -> resolve(image)), List.of("signed"));
    }
  }
}
