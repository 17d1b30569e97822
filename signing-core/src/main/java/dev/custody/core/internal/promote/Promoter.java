package dev.custody.core.internal.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.core.internal.attach.attest.AttestService;
import dev.custody.core.internal.attach.attest.CustodyVerification;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.PromotionPredicate;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotion (issue 5, ARCHITECTURE.md "Chain of custody"): resolve the source once; with a policy,
 * verify its custody and stop before writing anything if it fails; copy the image with every
 * attachment; then sign and store a promotion statement (POLICY.md "Custody's own predicates")
 * about the destination digest, so custody survives the hop and a destination policy can require
 * it. Thread-safe if its parts are.
 */
public final class Promoter {
  private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);

  private final CustodyVerification custody;
  private final AttestService attest;
  private final Clock clock;

  /**
   * @param custody verifies the source against the policy
   * @param attest writes the promotion attestation
   * @param clock the time recorded as {@code promotedAt} and for the policy's ages
   */
  public Promoter(CustodyVerification custody, AttestService attest, Clock clock) {
    this.custody = requireNonNull(custody, "custody");
    this.attest = requireNonNull(attest, "attest");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Opens the destination store; called only once the source passed, so a refusal writes nothing.
   */
  @FunctionalInterface
  public interface Destination {
    /**
     * {@return the open destination store, which the promoter closes}
     *
     * @throws CustodyException if it cannot be opened
     */
    ArtifactStore open() throws CustodyException;
  }

  /**
   * Promotes {@code source} (in {@code from}) to {@code destination} (in the store {@code to}
   * opens).
   *
   * @return what was done; unpromoted only when the policy failed
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   */
  public PromoteResult promote(
      ArtifactStore from,
      ImageReference source,
      Destination to,
      ImageReference destination,
      Signer signer,
      PromoteOptions options)
      throws CustodyException {
    return promote(from, source, to, destination, signer, options, CopyListener.none());
  }

  /**
   * Promotes {@code source} as {@link #promote(ArtifactStore, ImageReference, Destination,
   * ImageReference, Signer, PromoteOptions)} does, telling {@code listener} about every manifest
   * and blob the copy handles.
   *
   * @return what was done; unpromoted only when the policy failed
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   */
  public PromoteResult promote(
      ArtifactStore from,
      ImageReference source,
      Destination to,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      CopyListener listener)
      throws CustodyException {
    requireNonNull(signer, "signer");
    requireNonNull(listener, "listener");
    Descriptor resolved = from.resolve(source.tagOrDigest());
    // Every later step works on this digest: the tag may move while we verify and copy.
    ImageReference pinnedSource = source.withDigest(resolved.digest());
    Optional<CustodyReport> report = Optional.empty();
    if (options.policy().isPresent()) {
      report = Optional.of(custody.verify(from, pinnedSource, options.policy().get(), clock));
      if (!report.get().passed()) {
        LOG.debug("not promoting {}: custody verdict {}", pinnedSource, report.get().verdict());
        return new PromoteResult(report, Optional.empty(), Optional.empty());
      }
    }
    try (ArtifactStore store = to.open()) {
      return copyAndAttest(
          from, pinnedSource, store, destination, signer, options, report, listener);
    } catch (IOException e) {
      throw new StoreException(
          Reason.IO, "close store " + destination.context() + ": " + e.getMessage(), e);
    }
  }

  private PromoteResult copyAndAttest(
      ArtifactStore from,
      ImageReference pinnedSource,
      ArtifactStore to,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      Optional<CustodyReport> report,
      CopyListener listener)
      throws CustodyException {
    CopyResult copied = CustodyCopier.copy(from, pinnedSource, to, destination, listener);
    ImageReference pinnedDestination = destination.withDigest(copied.root().digest());
    PromotionPredicate predicate =
        new PromotionPredicate(
            pinnedSource.context() + "@" + copied.root().digest(),
            destination.context() + "@" + copied.root().digest(),
            options.policy().map(CustodyPolicy::policyDigest),
            clock.instant());
    AttestResult promotion =
        attest.attest(
            to,
            pinnedDestination,
            signer,
            PredicateTypes.CUSTODY_PROMOTION_V1,
            Json.write(predicate.toJson()),
            AttestOptions.builder().referrersMode(options.referrersMode()).build());
    LOG.debug("promoted {} to {}", pinnedSource, pinnedDestination);
    return new PromoteResult(report, Optional.of(copied), Optional.of(promotion));
  }
}
