package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import dev.custody.InvalidInputException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The trust stores as one verification sees them: each named store is read and checked (every
 * certificate's self-signature included) on first use and at most once, and every later request,
 * for any signature of the same verification, gets the same answer, a failure included. Loading
 * the store per signature made verification cost signatures × certificates signature checks
 * (docs/BENCHMARKS.md (c)).
 *
 * <p>Create one per verification and drop it afterwards, so the next verification sees the
 * directory as it is then; never keep one in a static field. Thread-safe: concurrent requests for
 * the same store read it once.
 */
public final class TrustStoreSnapshot implements TrustedCertificates {
  private final TrustedCertificates source;
  private final ConcurrentMap<TrustStoreRef, Loaded> loaded = new ConcurrentHashMap<>();

  private TrustStoreSnapshot(TrustedCertificates source) {
    this.source = source;
  }

  /**
   * {@return a snapshot that reads each named store of {@code source} at most once}
   *
   * @param source normally a {@link TrustStore}
   */
  public static TrustStoreSnapshot of(TrustedCertificates source) {
    return new TrustStoreSnapshot(requireNonNull(source, "source"));
  }

  @Override
  public List<X509Certificate> certificates(TrustStoreRef ref) throws InvalidInputException {
    requireNonNull(ref, "ref");
    Loaded result = loaded.computeIfAbsent(ref, this::load);
    if (result.failure().isPresent()) {
      InvalidInputException first = result.failure().get();
      // a fresh exception per call (exceptions are mutable); the first one keeps the I/O cause
      InvalidInputException again = new InvalidInputException(first.reason(), first.getMessage());
      again.addSuppressed(first);
      throw again;
    }
    return result.certificates();
  }

  private Loaded load(TrustStoreRef ref) {
    try {
      return new Loaded(List.copyOf(source.certificates(ref)), Optional.empty());
    } catch (InvalidInputException e) {
      return new Loaded(List.of(), Optional.of(e));
    }
  }

  /** A store's certificates, or why it could not be loaded. */
  private record Loaded(List<X509Certificate> certificates, Optional<InvalidInputException> failure) {}
}
