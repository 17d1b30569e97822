package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.InvalidInputException;
import dev.custody.core.internal.notary.trust.Action;
import dev.custody.core.internal.notary.trust.Check;
import dev.custody.core.internal.notary.trust.DistinguishedName;
import dev.custody.core.internal.notary.trust.SignatureVerification;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStoreRef;
import dev.custody.core.internal.notary.trust.TrustedCertificates;
import dev.custody.core.internal.notary.trust.TrustedIdentities;
import dev.custody.core.internal.notary.trust.VerificationLevel;
import dev.custody.oci.Descriptor;
import dev.custody.sign.VerificationException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates one Notary Project signature against a trust policy statement and trust store,
 * check by check in notation's order (notation-go {@code verifier/verifier.go}
 * {@code processSignature}; fixtures README §2 "Verification order"):
 *
 * <ol>
 *   <li><b>integrity</b> — envelope parses, signature verifies with the leaf key (algorithm fixed
 *       by the key), chain meets {@link CodeSigningChainRules} at the signing time, and the
 *       signed {@code targetArtifact} names the artifact (digest, size, media type);
 *   <li><b>authenticity</b> — {@link Authenticity} against the stores of the scheme's type;
 *   <li><b>trusted identity</b> — part of authenticity, with its action;
 *   <li><b>expiry</b> — {@code io.cncf.notary.expiry} not passed at {@code now};
 *   <li><b>authentic timestamp</b> — {@link AuthenticTimestamp};
 *   <li><b>revocation</b> — <em>not checked</em>: reported as {@link CheckStatus#NOT_CHECKED}
 *       (or {@link CheckStatus#SKIPPED} when the policy skips it). Custody has no OCSP/CRL
 *       client; notation's e2e revocation cases are excluded from the fixtures.
 * </ol>
 *
 * Each result carries the policy's effective action ({@link SignatureVerification#action}); the
 * first failure of an enforced check stops the evaluation, a failure of a logged check is kept as
 * a warning. The level semantics, as notation-go {@code trustpolicy.go} defines them:
 *
 * <table>
 *   <caption>Level semantics</caption>
 *   <tr><th>level</th><th>enforced</th><th>logged</th></tr>
 *   <tr><td>strict</td><td>integrity, authenticity (+ identity), authenticTimestamp, expiry,
 *       revocation</td><td>—</td></tr>
 *   <tr><td>permissive</td><td>integrity, authenticity (+ identity)</td>
 *       <td>authenticTimestamp, expiry, revocation</td></tr>
 *   <tr><td>audit</td><td>integrity</td>
 *       <td>authenticity (+ identity), authenticTimestamp, expiry, revocation</td></tr>
 *   <tr><td>skip</td><td>—</td><td>— (no signature is read; see {@link NotaryVerifier})</td></tr>
 * </table>
 *
 * Overrides change one check's action ({@code enforce}/{@code log}; {@code skip} only for
 * revocation; never integrity). Stateless and thread-safe.
 */
public final class NotaryTrustEvaluator {
  private NotaryTrustEvaluator() {}

  /**
   * Evaluates one signature.
   *
   * @param candidate the signature and its envelope
   * @param artifact the artifact being verified (the signature manifest's subject)
   * @param statement the applicable statement; its level must not be {@code skip}
   * @param store the trust store; pass one verification's {@link
   *     dev.custody.core.internal.notary.trust.TrustStoreSnapshot} so that its signatures share
   *     one reading of each store
   * @param now the verification time
   * @return every check that ran, in order
   * @throws IllegalArgumentException if the statement's level is {@code skip}
   */
  public static SignatureEvaluation evaluate(
      SignatureCandidate candidate,
      Descriptor artifact,
      TrustPolicyStatement statement,
      TrustedCertificates store,
      Instant now) {
    requireNonNull(candidate, "candidate");
    requireNonNull(artifact, "artifact");
    requireNonNull(store, "store");
    requireNonNull(now, "now");
    Results results = new Results(candidate.signatureManifest(), actions(statement));

    Optional<SignerInfo> verified = integrity(candidate, artifact, results);
    if (verified.isEmpty()) {
      return results.done();
    }
    return trust(verified.get(), statement, store, now, results);
  }

  /**
   * Evaluates one signature whose integrity the caller has already established, exactly as {@link
   * #evaluate} would have: {@link NotaryEnvelopes#verify} accepted the envelope, its chain meets
   * {@link CodeSigningChainRules} at the signing time, and its {@code targetArtifact} names the
   * artifact (what {@code attach.notation.EnvelopeIntegrity} checks). Integrity is reported as
   * passed and not checked again, so an envelope's signature and chain are verified once per
   * verification; the other checks run as in {@link #evaluate}, and the result equals its result.
   *
   * @param signatureManifest the signature manifest's digest, for the result
   * @param intact what the verified envelope says
   * @param statement the applicable statement; its level must not be {@code skip}
   * @param store the trust store, normally one verification's {@link
   *     dev.custody.core.internal.notary.trust.TrustStoreSnapshot}
   * @param now the verification time
   * @return every check that ran, in order, integrity first
   * @throws IllegalArgumentException if the statement's level is {@code skip}
   */
  public static SignatureEvaluation evaluateIntact(
      String signatureManifest,
      SignerInfo intact,
      TrustPolicyStatement statement,
      TrustedCertificates store,
      Instant now) {
    requireNonNull(signatureManifest, "signatureManifest");
    requireNonNull(intact, "intact");
    requireNonNull(store, "store");
    requireNonNull(now, "now");
    Results results = new Results(signatureManifest, actions(statement));
    results.add(Check.INTEGRITY, CheckResult.Kind.INTEGRITY, Optional.empty());
    return trust(intact, statement, store, now, results);
  }

  private static SignatureVerification actions(TrustPolicyStatement statement) {
    SignatureVerification sv = statement.signatureVerification();
    if (sv.level() == VerificationLevel.SKIP_LEVEL) {
      throw new IllegalArgumentException("statement " + statement.name() + " skips verification");
    }
    return sv;
  }

  /** The checks after integrity, in notation's order. */
  private static SignatureEvaluation trust(
      SignerInfo info,
      TrustPolicyStatement statement,
      TrustedCertificates store,
      Instant now,
      Results results) {
    if (results.add(Check.AUTHENTICITY, CheckResult.Kind.AUTHENTICITY,
        authenticity(info, statement, store))) {
      return results.done();
    }
    if (results.add(Check.AUTHENTICITY, CheckResult.Kind.TRUSTED_IDENTITY,
        trustedIdentity(info, statement))) {
      return results.done();
    }
    Optional<String> expired =
        info.expiry()
            .filter(now::isAfter)
            .map(e -> "digital signature has expired on " + e);
    if (results.add(Check.EXPIRY, CheckResult.Kind.EXPIRY, expired)) {
      return results.done();
    }
    if (results.add(Check.AUTHENTIC_TIMESTAMP, CheckResult.Kind.AUTHENTIC_TIMESTAMP,
        AuthenticTimestamp.violation(info, statement, now))) {
      return results.done();
    }
    results.revocation();
    return results.done();
  }

  private static Optional<SignerInfo> integrity(
      SignatureCandidate candidate, Descriptor artifact, Results results) {
    if (candidate.problem().isPresent()) {
      results.add(Check.INTEGRITY, CheckResult.Kind.INTEGRITY, candidate.problem());
      return Optional.empty();
    }
    SignerInfo info;
    try {
      info = NotaryEnvelopes.verify(candidate.envelopeMediaType(), candidate.envelope());
    } catch (VerificationException e) {
      results.add(Check.INTEGRITY, CheckResult.Kind.INTEGRITY, Optional.of(e.getMessage()));
      return Optional.empty();
    }
    Optional<String> problem =
        CodeSigningChainRules.violation(info.chain(), info.signingTime())
            .map(p -> "certificate chain is invalid: " + p);
    if (problem.isEmpty() && !info.target().names(artifact)) {
      problem =
          Optional.of(
              "the signed targetArtifact does not name the artifact (expected "
                  + artifact.digest() + ", " + artifact.size() + " bytes, "
                  + artifact.mediaType().value() + "; got " + info.target().digest() + ", "
                  + info.target().size() + " bytes, " + info.target().mediaType() + ")");
    }
    if (results.add(Check.INTEGRITY, CheckResult.Kind.INTEGRITY, problem)) {
      return Optional.empty();
    }
    return Optional.of(info);
  }

  private static Optional<String> authenticity(
      SignerInfo info, TrustPolicyStatement statement, TrustedCertificates store) {
    List<TrustStoreRef> refs = statement.trustStores(info.scheme().storeType());
    List<X509Certificate> trusted = new ArrayList<>();
    for (TrustStoreRef ref : refs) {
      try {
        trusted.addAll(store.certificates(ref));
      } catch (InvalidInputException e) {
        return Optional.of("error while loading the trust store: " + e.getMessage());
      }
    }
    if (trusted.isEmpty()) {
      return Optional.of(
          "no trusted certificates are found to verify authenticity (the policy names no "
              + info.scheme().storeType().directoryName() + ": store, which signing scheme "
              + info.scheme().value() + " requires)");
    }
    return Authenticity.violation(info.chain(), trusted, info.signingTime());
  }

  private static Optional<String> trustedIdentity(SignerInfo info, TrustPolicyStatement statement) {
    TrustedIdentities identities = statement.trustedIdentities().orElseThrow();
    if (identities.any()) {
      return Optional.empty();
    }
    DistinguishedName leaf;
    try {
      leaf = DistinguishedName.of(info.leaf().getSubjectX500Principal());
    } catch (InvalidInputException e) {
      return Optional.of("the signing certificate's subject cannot be matched: " + e.getMessage());
    }
    if (identities.matches(leaf)) {
      return Optional.empty();
    }
    return Optional.of(
        "signing certificate from the digital signature does not match the X.509 trusted"
            + " identities defined in the trust policy \"" + statement.name() + "\"");
  }

  /** Accumulates results; {@link #add} says whether evaluation must stop. */
  private static final class Results {
    private final String manifest;
    private final SignatureVerification sv;
    private final List<CheckResult> list = new ArrayList<>();

    Results(String manifest, SignatureVerification sv) {
      this.manifest = manifest;
      this.sv = sv;
    }

    boolean add(Check check, CheckResult.Kind kind, Optional<String> failure) {
      Action action = sv.action(check);
      CheckResult result =
          new CheckResult(
              check,
              kind,
              action,
              failure.isPresent() ? CheckStatus.FAILED : CheckStatus.PASSED,
              failure.orElse(""));
      list.add(result);
      return result.isCritical();
    }

    void revocation() {
      Action action = sv.action(Check.REVOCATION);
      list.add(
          new CheckResult(
              Check.REVOCATION,
              CheckResult.Kind.REVOCATION,
              action,
              action == Action.SKIP ? CheckStatus.SKIPPED : CheckStatus.NOT_CHECKED,
              action == Action.SKIP ? "" : "revocation (OCSP/CRL) is not checked by Custody"));
    }

    SignatureEvaluation done() {
      return new SignatureEvaluation(manifest, list);
    }
  }
}
