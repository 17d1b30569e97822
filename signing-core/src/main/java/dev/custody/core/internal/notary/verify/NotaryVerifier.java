package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStoreSnapshot;
import dev.custody.core.internal.notary.trust.TrustedCertificates;
import dev.custody.core.internal.notary.trust.VerificationLevel;
import dev.custody.oci.Descriptor;
import dev.custody.sign.VerificationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an artifact's Notary Project signatures under one trust policy statement, as
 * {@code notation verify} does (notation-go {@code notation.go} {@code Verify}): level
 * {@code skip} verifies nothing and succeeds; no signature fails with "no signature"; otherwise
 * one accepted signature is enough. Unlike notation, which stops at the first good signature,
 * every candidate is evaluated so the report lists them all. Each {@link #verify} reads each trust
 * store it needs once, through a fresh {@link TrustStoreSnapshot}, for all its candidates.
 */
public final class NotaryVerifier {
  /** Default bound on the number of signatures examined (issue 4). */
  public static final int DEFAULT_MAX_SIGNATURES = 100;

  private final TrustedCertificates store;
  private final Clock clock;
  private final int maxSignatures;

  /**
   * Creates a verifier.
   *
   * @param store the trust store, normally a {@link
   *     dev.custody.core.internal.notary.trust.TrustStore}; read afresh by every {@link #verify}
   * @param clock the verification clock (expiry, certificate validity now)
   * @param maxSignatures more candidates than this is an error
   */
  public NotaryVerifier(TrustedCertificates store, Clock clock, int maxSignatures) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    if (maxSignatures < 1) {
      throw new IllegalArgumentException("maxSignatures must be positive, got " + maxSignatures);
    }
    this.maxSignatures = maxSignatures;
  }

  /**
   * Verifies.
   *
   * @param artifact the artifact, resolved to its descriptor
   * @param candidates the signatures found for it (through {@code subject}, and any other way)
   * @param statement the statement selected for the artifact's scope
   * @return the verdict and every evaluation
   * @throws VerificationException with {@link Reason#LIMIT_EXCEEDED} if there are more
   *     candidates than allowed
   */
  public NotaryVerification verify(
      Descriptor artifact, List<SignatureCandidate> candidates, TrustPolicyStatement statement)
      throws VerificationException {
    requireNonNull(artifact, "artifact");
    requireNonNull(statement, "statement");
    if (statement.signatureVerification().level() == VerificationLevel.SKIP_LEVEL) {
      return new NotaryVerification(
          NotaryVerification.Outcome.SKIPPED, statement.name(), List.of());
    }
    if (candidates.isEmpty()) {
      return new NotaryVerification(
          NotaryVerification.Outcome.NO_SIGNATURE, statement.name(), List.of());
    }
    if (candidates.size() > maxSignatures) {
      throw new VerificationException(
          Reason.LIMIT_EXCEEDED,
          "verify Notary signatures of " + artifact.digest() + ": too many signatures (expected"
              + " at most " + maxSignatures + ", got " + candidates.size() + ")",
          null);
    }
    Instant now = clock.instant();
    TrustStoreSnapshot once = TrustStoreSnapshot.of(store);
    List<SignatureEvaluation> evaluations = new ArrayList<>();
    for (SignatureCandidate candidate : candidates) {
      evaluations.add(NotaryTrustEvaluator.evaluate(candidate, artifact, statement, once, now));
    }
    boolean accepted = evaluations.stream().anyMatch(SignatureEvaluation::isAccepted);
    return new NotaryVerification(
        accepted ? NotaryVerification.Outcome.VERIFIED : NotaryVerification.Outcome.FAILED,
        statement.name(),
        evaluations);
  }
}
