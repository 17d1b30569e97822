package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.attach.SignatureScheme;
import dev.custody.core.internal.policy.VerifiedEvidence;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.VerifyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notary Project signatures (FORMATS.md §5), as notation writes and reads them.
 *
 * <p><b>Sign</b> ({@link NotationSigning}): needs {@link SignOptions#certificateChain()}, leaf
 * first, whose leaf carries the signer's key; stores a JWS envelope in an OCI 1.1 referrer manifest
 * through {@link ArtifactStore#putManifest}, which keeps the referrers API, its tag-schema
 * fallback, or a layout's {@code index.json} up to date.
 *
 * <p><b>Examine</b>: discovers the Notary referrers of the image ({@link NotationCandidates}),
 * checks each envelope's integrity ({@link EnvelopeIntegrity}), and then asks the trust the options
 * give: the notation trust policy and store, selected for the image's scope ({@link PolicyTrust},
 * {@link NotationScopes}), and the trusted signers ({@link SignerTrust}). A signature is verified
 * if either accepts it (the policy's identity wins when both do); otherwise it is reported with the
 * policy's reason, or the signers' when there is no policy. Every candidate becomes one {@link
 * Evidence}; a verified one carries the leaf's identity, the signed payload and the signing time as
 * its signed time.
 *
 * <p>Thread-safe; the clock decides the signing time, expiry and certificate validity.
 */
public final class NotationScheme implements SignatureScheme {
  private static final Logger LOG = LoggerFactory.getLogger(NotationScheme.class);

  private final Clock clock;

  /**
   * @param clock the clock for signing times and for verification
   */
  public NotationScheme(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public SignatureFormat format() {
    return SignatureFormat.NOTATION;
  }

  @Override
  public NotationScheme withClock(Clock value) {
    return new NotationScheme(value);
  }

  @Override
  public List<StoredSignature> sign(
      ArtifactStore store,
      ImageReference image,
      Manifest subject,
      Signer signer,
      SignOptions options)
      throws CustodyException {
    NotationSigning.Prepared prepared =
        new NotationSigning(clock).prepare(image, subject, signer, options);
    StoredSignature stored = NotationSigning.store(store, subject.digest(), prepared);
    LOG.debug("stored Notary signature {} for {}", stored.manifest(), image);
    return List.of(stored);
  }

  /**
   * Notation's level {@code skip}: the statement the trust policy selects for the image's scope
   * asks for no verification (FORMATS.md §5.7), so the image needs no Notary signature. A policy
   * that cannot be read, or selects no statement, is an error here as in {@link #examine}.
   */
  @Override
  public Optional<String> skippedBy(ImageReference image, VerifyOptions options)
      throws CustodyException {
    if (options.trustPolicy().isEmpty()) {
      return Optional.empty();
    }
    PolicyTrust policy =
        PolicyTrust.load(
            options.trustPolicy().get(),
            options.trustStore().orElseThrow(),
            NotationScopes.of(image),
            clock.instant());
    return policy.skips()
        ? Optional.of(
            "trust policy statement \""
                + policy.statementName()
                + "\" is configured to skip signature verification (level skip)")
        : Optional.empty();
  }

  @Override
  public List<Evidence> examine(
      ArtifactStore store,
      ImageReference image,
      Descriptor subject,
      VerifyOptions options,
      CandidateBudget budget)
      throws CustodyException {
    Instant now = clock.instant();
    Optional<PolicyTrust> policy = Optional.empty();
    if (options.trustPolicy().isPresent()) {
      // read and selected before any signature is read, as notation does: a bad policy is an error
      policy =
          Optional.of(
              PolicyTrust.load(
                  options.trustPolicy().get(),
                  options.trustStore().orElseThrow(),
                  NotationScopes.of(image),
                  now));
    }
    SignerTrust signers = new SignerTrust(options.signers(), now);
    List<Evidence> evidence = new ArrayList<>();
    for (Candidate candidate : NotationCandidates.find(store, subject, budget)) {
      evidence.add(evaluate(candidate, subject, policy, signers));
    }
    return evidence;
  }

  private static Evidence evaluate(
      Candidate candidate, Descriptor subject, Optional<PolicyTrust> policy, SignerTrust signers) {
    EnvelopeIntegrity.Result integrity = EnvelopeIntegrity.check(candidate, subject);
    if (integrity.rejection().isPresent()) {
      return failed(
          candidate.manifest(), subject.digest(), Optional.empty(), integrity.rejection().get());
    }
    VerifiedEnvelope envelope = integrity.verified().orElseThrow();
    Optional<TrustDecision> byPolicy = policy.map(p -> p.decide(envelope, subject));
    // without a policy the signers decide, even when there are none (then nothing is trusted)
    Optional<TrustDecision> bySigners =
        signers.isEmpty() && policy.isPresent()
            ? Optional.empty()
            : Optional.of(signers.decide(envelope));
    Optional<TrustDecision> accepted =
        byPolicy
            .filter(TrustDecision::isAccepted)
            .or(() -> bySigners.filter(TrustDecision::isAccepted));
    if (accepted.isPresent()) {
      return VerifiedEvidence.notationSignature(
          accepted.get().identity().orElseThrow(),
          Digest.parse(envelope.info().target().digest()),
          candidate.manifest(),
          envelope.payload(),
          Optional.of(envelope.info().signingTime().toString()));
    }
    TrustDecision first = byPolicy.or(() -> bySigners).orElseThrow();
    Rejection rejection = first.rejection().orElseThrow();
    if (byPolicy.isPresent() && bySigners.isPresent()) {
      rejection =
          Rejection.of(
              rejection.reason(),
              rejection.detail()
                  + "; trusted signers: "
                  + bySigners.get().rejection().orElseThrow().detail());
    }
    return failed(candidate.manifest(), subject.digest(), first.identity(), rejection);
  }

  private static Evidence failed(
      Digest ref, Digest subject, Optional<SignerIdentity> identity, Rejection rejection) {
    return VerifiedEvidence.failed(
        EvidenceKind.SIGNATURE,
        Optional.of(SignatureFormat.NOTATION),
        Optional.empty(),
        identity,
        subject,
        EvidenceStorage.NOTATION,
        ref,
        rejection.reason(),
        rejection.detail());
  }
}
