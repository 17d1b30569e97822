package dev.custody.core.internal.attach.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.core.internal.policy.CustodyEngine;
import dev.custody.core.internal.policy.ScopeGlob;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.PlatformMode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.Stage;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.VerifyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies an image against a custody policy (ARCHITECTURE.md "Chain of custody", POLICY.md):
 * checks the scopes, resolves the reference once, gathers every signature (all schemes) and every
 * attestation of a predicate type the policy names, verified against the policy's signers and
 * nothing else, per platform manifest where the policy's {@code platforms} asks for it, and hands
 * the evidence to the pure {@link CustodyEngine} with the clock's time. Thread-safe.
 */
public final class CustodyVerification {
  private static final Logger LOG = LoggerFactory.getLogger(CustodyVerification.class);

  private final SignatureSchemes schemes;
  private final LayoutSource layoutSource;

  /**
   * @param schemes the signature schemes
   * @param layoutSource how to find the source repository an exported layout records
   */
  public CustodyVerification(SignatureSchemes schemes, LayoutSource layoutSource) {
    this.schemes = requireNonNull(schemes, "schemes");
    this.layoutSource = requireNonNull(layoutSource, "layoutSource");
  }

  /**
   * Evaluates {@code policy} for the image in {@code store}.
   *
   * @param store the repository holding the image
   * @param image the reference as given
   * @param policy the policy
   * @param clock the evaluation time
   * @return the report
   * @throws InvalidInputException if the image is outside every scope of the policy
   * @throws CustodyException if the store fails or a bound is exceeded
   */
  public CustodyReport verify(
      ArtifactStore store, ImageReference image, CustodyPolicy policy, Clock clock)
      throws CustodyException {
    Optional<String> source =
        image.isLayout() ? layoutSource.recordedSource(store) : Optional.empty();
    if (!ScopeGlob.governs(policy.scopes(), image, source)) {
      throw new InvalidInputException(
          "verify custody of "
              + image
              + ": outside every scope of policy "
              + policy.name()
              + " (expected one of "
              + String.join(", ", policy.scopes())
              + source.map(s -> "; the layout was exported from " + s).orElse("")
              + ")");
    }
    Instant now = clock.instant();
    Descriptor resolved = store.resolve(image.tagOrDigest());
    ImageReference pinned = image.withDigest(resolved.digest());
    VerifyOptions trust = VerifyOptions.builder().signers(policy.signers()).build();
    List<Evidence> own = evidence(store, pinned, resolved, policy, trust, now);
    if (!resolved.mediaType().isIndex()) {
      return CustodyEngine.evaluate(own, policy, now, image.toString(), resolved.digest());
    }
    List<PlatformEvidence> platforms = new ArrayList<>();
    if (policy.platforms() != PlatformMode.INDEX) {
      ImageIndex index = (ImageIndex) store.manifest(resolved.digest());
      for (Descriptor child : index.manifests()) {
        platforms.add(
            new PlatformEvidence(
                child.platform().orElse(AttestService.UNKNOWN_PLATFORM),
                child.digest(),
                evidence(store, pinned.pinned(child.digest()), child, policy, trust, now)));
      }
    }
    return CustodyEngine.evaluateIndex(
        own, platforms, policy, now, image.toString(), resolved.digest());
  }

  /**
   * The signatures and attestations of one manifest, each verified against the policy's signers.
   */
  private List<Evidence> evidence(
      ArtifactStore store,
      ImageReference pinned,
      Descriptor subject,
      CustodyPolicy policy,
      VerifyOptions trust,
      Instant now)
      throws CustodyException {
    List<Evidence> out = new ArrayList<>();
    if (policy.stages().stream().anyMatch(s -> s.kind() == EvidenceKind.SIGNATURE)) {
      CandidateBudget budget = new CandidateBudget(trust.maxSignatures());
      for (SignatureFormat format : SignatureFormat.values()) {
        if (schemes.supports(format)) {
          schemes.forFormat(format).examine(store, pinned, subject, trust, budget).stream()
              .filter(e -> e.kind() == EvidenceKind.SIGNATURE)
              .forEach(out::add);
        } else {
          LOG.debug(
              "no {} signature scheme yet; {} signatures are not examined",
              format.id(),
              format.id());
        }
      }
    }
    Set<String> types =
        policy.stages().stream()
            .map(Stage::predicateType)
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    if (!types.isEmpty()) {
      for (Evidence e :
          AttestService.examine(store, subject, policy.signers(), trust.maxSignatures(), now)) {
        // Keep what a stage may ask for, and rejected candidates of unknown type for the report.
        if (e.predicateType().map(types::contains).orElse(true)) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
