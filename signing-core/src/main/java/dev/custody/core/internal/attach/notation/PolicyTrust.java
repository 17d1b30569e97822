package dev.custody.core.internal.attach.notation;

import dev.custody.core.internal.pki.CertificateIdentities;
import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.notary.trust.TrustPolicyDocument;
import dev.custody.core.internal.notary.trust.TrustPolicyReader;
import dev.custody.core.internal.notary.trust.TrustPolicyStatement;
import dev.custody.core.internal.notary.trust.TrustStore;
import dev.custody.core.internal.notary.trust.TrustStoreSnapshot;
import dev.custody.core.internal.notary.trust.TrustedCertificates;
import dev.custody.core.internal.notary.trust.TrustStoreRef;
import dev.custody.core.internal.notary.trust.VerificationLevel;
import dev.custody.core.internal.notary.verify.CheckResult;
import dev.custody.core.internal.notary.verify.NotaryTrustEvaluator;
import dev.custody.core.internal.notary.verify.SignatureEvaluation;
import dev.custody.oci.Descriptor;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust through a notation trust policy and trust store (FORMATS.md §5.7): the statement for the
 * image's scope ({@link NotationScopes}) is applied to each verified envelope by the notary
 * evaluator, which runs notation's checks in notation's order with the level's actions. A check the
 * level only logs is logged here as a warning, as notation prints it; the first enforced failure
 * rejects the signature with a reason code:
 *
 * <ul>
 *   <li>authenticity, trusted identity, revocation: {@link ReasonCode#UNTRUSTED_SIGNER};
 *   <li>expiry: {@link ReasonCode#EXPIRED};
 *   <li>authentic timestamp: {@link ReasonCode#EXPIRED} when a chain certificate has expired (the
 *       case without a timestamp), otherwise {@link ReasonCode#UNTRUSTED_SIGNER} (a timestamp was
 *       required and is missing or unusable).
 * </ul>
 *
 * <p>An accepted signature's identity is the leaf subject with the fingerprint of the chain
 * certificate the trust store holds (the trust anchor), or, when the level only logs authenticity
 * and nothing in the chain is trusted, of the chain's last certificate.
 *
 * <p>Level {@code skip}: notation verifies nothing and reports success. The verify service asks
 * {@link NotationScheme#skippedBy} first and then does not examine Notary signatures at all (its
 * report passes as {@code SKIPPED}); if a caller examines them anyway, each is reported as not
 * verified ({@link ReasonCode#UNTRUSTED_SIGNER}, saying the policy skips it), since a verified
 * signature must name who signed it.
 */
final class PolicyTrust {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyTrust.class);

  private final TrustPolicyStatement statement;
  /** One snapshot per verification: its signatures, and naming their signers, share one read. */
  private final TrustStoreSnapshot store;
  private final Instant now;

  private PolicyTrust(TrustPolicyStatement statement, TrustStoreSnapshot store, Instant now) {
    this.statement = statement;
    this.store = store;
    this.now = now;
  }

  /**
   * Reads the policy and selects the statement for {@code scope}.
   *
   * @param policy the trust policy file
   * @param trustStore the trust store directory
   * @param scope the image's scope
   * @param now the verification time
   * @return the trust
   * @throws InvalidInputException if the policy is invalid or no statement applies to the scope
   */
  static PolicyTrust load(Path policy, Path trustStore, String scope, Instant now)
      throws InvalidInputException {
    return load(policy, TrustStore.at(trustStore), scope, now);
  }

  /**
   * Reads the policy and selects the statement for {@code scope}; the trust stores come from
   * {@code trustStore}, each read at most once by this trust.
   *
   * @param policy the trust policy file
   * @param trustStore where the named stores' certificates come from
   * @param scope the image's scope
   * @param now the verification time
   * @return the trust
   * @throws InvalidInputException if the policy is invalid or no statement applies to the scope
   */
  static PolicyTrust load(Path policy, TrustedCertificates trustStore, String scope, Instant now)
      throws InvalidInputException {
    requireNonNull(trustStore, "trustStore");
    TrustPolicyDocument document = TrustPolicyReader.read(policy);
    TrustPolicyStatement statement;
    try {
      statement = document.select(scope);
    } catch (InvalidInputException e) {
      if (scope.startsWith("oci:")) {
        throw new InvalidInputException(
            e.getMessage()
                + "; an OCI layout is governed only by a \"*\" statement of "
                + policy.getFileName(),
            e);
      }
      throw e;
    }
    return new PolicyTrust(
        statement, TrustStoreSnapshot.of(trustStore), requireNonNull(now, "now"));
  }

  /** {@return the name of the selected statement} */
  String statementName() {
    return statement.name();
  }

  /** {@return whether the selected statement has level {@code skip}} */
  boolean skips() {
    return statement.signatureVerification().level() == VerificationLevel.SKIP_LEVEL;
  }

  /**
   * Applies the statement to one verified envelope.
   *
   * @param envelope the envelope that passed integrity
   * @param image the image's descriptor
   * @return accepted with the identity, or rejected with the typed reason
   */
  TrustDecision decide(VerifiedEnvelope envelope, Descriptor image) {
    String prefix = "trust policy statement \"" + statement.name() + "\"";
    if (statement.signatureVerification().level() == VerificationLevel.SKIP_LEVEL) {
      return TrustDecision.rejected(
          Rejection.of(
              ReasonCode.UNTRUSTED_SIGNER,
              prefix + " skips verification (level skip), so the signature is not verified"));
    }
    // EnvelopeIntegrity ran the evaluator's integrity checks already: not a second time
    SignatureEvaluation evaluation =
        NotaryTrustEvaluator.evaluateIntact(
            envelope.manifest().toString(), envelope.info(), statement, store, now);
    for (CheckResult warning : evaluation.warnings()) {
      LOG.warn(
          "Notary signature {} of {}: {} was set to \"log\" by {} and failed: {}",
          envelope.manifest(),
          image.digest(),
          warning.check().jsonName(),
          prefix,
          warning.detail());
    }
    if (evaluation.rejection().isPresent()) {
      CheckResult failed = evaluation.rejection().get();
      return TrustDecision.rejected(
          Rejection.of(
              reasonFor(failed, envelope),
              prefix + ": " + failed.check().jsonName() + " check failed: " + failed.detail()));
    }
    return TrustDecision.accepted(identity(envelope));
  }

  private ReasonCode reasonFor(CheckResult failed, VerifiedEnvelope envelope) {
    switch (failed.kind()) {
      case INTEGRITY:
        return ReasonCode.SIGNATURE_INVALID;
      case EXPIRY:
        return ReasonCode.EXPIRED;
      case AUTHENTIC_TIMESTAMP:
        return envelope.info().chain().stream()
                .anyMatch(c -> now.isAfter(c.getNotAfter().toInstant()))
            ? ReasonCode.EXPIRED
            : ReasonCode.UNTRUSTED_SIGNER;
      default:
        return ReasonCode.UNTRUSTED_SIGNER;
    }
  }

  private SignerIdentity identity(VerifiedEnvelope envelope) {
    List<X509Certificate> chain = envelope.info().chain();
    List<Bytes> trusted = new ArrayList<>();
    for (TrustStoreRef ref : statement.trustStores(envelope.info().scheme().storeType())) {
      try {
        for (X509Certificate c : store.certificates(ref)) {
          trusted.add(der(c));
        }
      } catch (InvalidInputException e) {
        // the evaluator already reported an unreadable store where it mattered; an accepted
        // signature here had authenticity logged only, and falls back to the chain's root
        LOG.debug("trust store {} unreadable while naming the signer: {}", ref, e.getMessage());
      }
    }
    Bytes anchor = der(chain.get(chain.size() - 1));
    for (X509Certificate c : chain) {
      if (trusted.contains(der(c))) {
        anchor = der(c);
        break;
      }
    }
    return CertificateIdentities.certificate(envelope.info().leaf(), anchor);
  }

  private static Bytes der(X509Certificate certificate) {
    return CertificateIdentities.der(certificate);
  }
}
