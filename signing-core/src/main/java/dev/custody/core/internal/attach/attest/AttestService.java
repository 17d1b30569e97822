package dev.custody.core.internal.attach.attest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.AttestationOutcome;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.pki.SignerCertificates;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.Platform;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.VerifyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attesting and verifying attestations of one predicate type (issue 5): resolve the reference once,
 * then work by digest; with {@code recursive}, attest every manifest of an index too. Thread-safe.
 */
public final class AttestService {
  private static final Logger LOG = LoggerFactory.getLogger(AttestService.class);

  /** Shown for a platform manifest an index lists without a platform. */
  static final Platform UNKNOWN_PLATFORM = Platform.of("unknown", "unknown");

  private final AttestationWriter writer;
  private final Clock clock;

  /**
   * @param clock the time for the referrer creation annotation (never a signed time), and the
   *     verification time at which a certificate chain must be valid when a statement carries no
   *     signed time
   */
  public AttestService(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.writer = new AttestationWriter(clock);
  }

  /**
   * Attests the image in {@code store}.
   *
   * @param store the repository holding the image
   * @param image the reference as given
   * @param signer the key
   * @param predicateType the predicate type URI
   * @param predicateJson the predicate JSON object
   * @param options storage, recursion and the signer's certificate chain
   * @return the result
   * @throws CustodyException if the predicate is invalid, the certificate chain cannot be stored
   *     or is not for the signer's key, or resolving, signing or storing fails
   */
  public AttestResult attest(
      ArtifactStore store,
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options)
      throws CustodyException {
    ObjectNode predicate = PredicateValidation.check(predicateType, predicateJson);
    Optional<SignerCertificates> certificates = certificates(image, signer, options);
    Descriptor resolved = store.resolve(image.tagOrDigest());
    ImageReference pinned = image.withDigest(resolved.digest());
    List<StoredSignature> stored = new ArrayList<>();
    stored.add(
        writer.attest(
            store,
            pinned,
            resolved,
            signer,
            predicateType,
            predicate,
            options.referrersMode(),
            certificates));
    if (options.recursive() && resolved.mediaType().isIndex()) {
      Manifest index = store.manifest(resolved.digest());
      for (Descriptor child : ((ImageIndex) index).manifests()) {
        stored.add(
            writer.attest(
                store,
                pinned,
                child,
                signer,
                predicateType,
                predicate,
                options.referrersMode(),
                certificates));
      }
    }
    LOG.debug(
        "attested {} ({}) with {}: {} statement(s)",
        image,
        resolved.digest(),
        predicateType,
        stored.size());
    return new AttestResult(image, resolved, predicateType, stored);
  }

  /**
   * The chain's layer annotations, checked before anything is signed or stored: only legacy
   * {@code .att} layers carry a certificate (FORMATS.md §3.7), as for cosign signatures.
   */
  private static Optional<SignerCertificates> certificates(
      ImageReference image, Signer signer, AttestOptions options) throws SigningException {
    if (options.certificateChain().isEmpty()) {
      return Optional.empty();
    }
    if (options.referrersMode() == ReferrersMode.OCI_1_1) {
      // the bundle Custody writes is key-only (a public-key hint); dropping the chain silently
      // would leave an attestation that certificate signers can never accept
      throw new SigningException(
          "attest "
              + image
              + ": a certificate chain is stored only with legacy .att attestations; attest with"
              + " --registry-referrers-mode legacy, or without --certificate");
    }
    return Optional.of(SignerCertificates.of(options.certificateChain(), signer, "attest"));
  }

  /**
   * Verifies the attestations of {@code predicateType} on the image in {@code store}.
   *
   * @param store the repository holding the image
   * @param image the reference as given
   * @param options the trusted signers and bounds
   * @param predicateType the predicate type URI
   * @return the report
   * @throws CustodyException if the store fails or a bound is exceeded
   */
  public AttestationReport verify(
      ArtifactStore store, ImageReference image, VerifyOptions options, String predicateType)
      throws CustodyException {
    Descriptor resolved = store.resolve(image.tagOrDigest());
    TrustedKeys trust = TrustedKeys.of(options.signers(), clock.instant());
    List<Evidence> examined =
        ofType(examine(store, resolved, trust, options.maxSignatures()), predicateType);
    List<PlatformEvidence> platforms = new ArrayList<>();
    if (options.requireAllPlatforms() && resolved.mediaType().isIndex()) {
      Manifest index = store.manifest(resolved.digest());
      for (Descriptor child : ((ImageIndex) index).manifests()) {
        List<Evidence> found =
            ofType(examine(store, child, trust, options.maxSignatures()), predicateType);
        platforms.add(
            new PlatformEvidence(child.platform().orElse(UNKNOWN_PLATFORM), child.digest(), found));
      }
    }
    return report(image, resolved, predicateType, examined, platforms);
  }

  /**
   * {@return every attestation candidate of {@code subject}, verified against {@code signers}, a
   * certificate chain at the statement's signed time or else at {@code now}}
   */
  static List<Evidence> examine(
      ArtifactStore store, Descriptor subject, List<TrustedSigner> signers, int max, Instant now)
      throws CustodyException {
    return examine(store, subject, TrustedKeys.of(signers, now), max);
  }

  private static List<Evidence> examine(
      ArtifactStore store, Descriptor subject, TrustedKeys trust, int max) throws CustodyException {
    return AttestationDiscovery.examine(store, subject, trust, new CandidateBudget(max));
  }

  /**
   * Verified evidence of the type, and failed candidates that claim it or whose type is unknown.
   */
  private static List<Evidence> ofType(List<Evidence> evidence, String predicateType) {
    return evidence.stream()
        .filter(e -> e.kind() == EvidenceKind.ATTESTATION)
        .filter(e -> e.predicateType().map(predicateType::equals).orElse(!e.isVerified()))
        .collect(Collectors.toUnmodifiableList());
  }

  private static AttestationReport report(
      ImageReference image,
      Descriptor resolved,
      String predicateType,
      List<Evidence> examined,
      List<PlatformEvidence> platforms) {
    String subject = image + " (" + resolved.digest() + ")";
    AttestationOutcome outcome;
    String message;
    if (examined.isEmpty()) {
      outcome = AttestationOutcome.NO_ATTESTATIONS;
      message =
          "no "
              + predicateType
              + " attestations found for "
              + subject
              + "; attest it first (custody attest)";
    } else if (examined.stream().noneMatch(Evidence::isVerified)) {
      outcome = AttestationOutcome.NONE_VERIFIED;
      message =
          examined.size()
              + " "
              + predicateType
              + " attestation(s) found for "
              + subject
              + ", none verified with the trusted keys for this digest; see each candidate's"
              + " reason";
    } else {
      List<String> missing =
          platforms.stream()
              .filter(p -> p.evidence().stream().noneMatch(Evidence::isVerified))
              .map(p -> p.platform() + " " + p.digest())
              .collect(Collectors.toList());
      if (!missing.isEmpty()) {
        outcome = AttestationOutcome.PLATFORMS_UNATTESTED;
        message =
            "the index is attested, but these platform manifests have no verified "
                + predicateType
                + " attestation: "
                + String.join(", ", missing)
                + "; attest with --recursive";
      } else {
        outcome = AttestationOutcome.VERIFIED;
        message =
            examined.stream().filter(Evidence::isVerified).count()
                + " of "
                + examined.size()
                + " "
                + predicateType
                + " attestation(s) verified for "
                + subject;
      }
    }
    return new AttestationReport(
        image, resolved, predicateType, outcome, message, examined, platforms);
  }
}
