package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.pki.ClaimedChain;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.ResourceDescriptor;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.policy.VerifiedEvidence;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.KeyException;
import dev.custody.sign.Verifier;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.security.auth.x500.X500Principal;

/**
 * Examines the cosign v3 signatures of one manifest (FORMATS.md §3.10): every referrer whose
 * artifact type is a Sigstore bundle is one candidate, counted against the budget before it is
 * fetched; referrers whose (unsigned) predicate-type annotation names an attestation are left to
 * the attestation verifier. The DSSE envelope is verified over its PAE with the trusted keys (or
 * with the key of the bundle's certificate, whose chain a certificate signer must accept at the
 * verification time), then the statement is parsed; a verified statement of another predicate type is an attestation and is
 * not reported here. A signature must name exactly the subject digest.
 */
final class BundleReferrerReader {
  private static final String BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";

  private final ArtifactStore store;
  private final TrustedKeys keys;
  private final Map<String, String> required;
  private final CandidateBudget budget;

  BundleReferrerReader(
      ArtifactStore store, TrustedKeys keys, Map<String, String> required, CandidateBudget budget) {
    this.store = requireNonNull(store, "store");
    this.keys = requireNonNull(keys, "keys");
    this.required = Map.copyOf(required);
    this.budget = requireNonNull(budget, "budget");
  }

  /**
   * {@return one evidence per bundle signature referring to {@code subject}}
   *
   * @throws CustodyException if the store fails or the budget is exceeded
   */
  List<Evidence> read(Digest subject) throws CustodyException {
    String where = store.location() + "@" + subject + " (referrers)";
    List<Evidence> evidence = new ArrayList<>();
    for (Descriptor referrer : store.referrers(subject)) {
      if (!isSignatureBundle(referrer)) {
        continue;
      }
      budget.take(where);
      try {
        verify(referrer, subject).ifPresent(evidence::add);
      } catch (CandidateRejected r) {
        evidence.add(
            r.rejection().toEvidence(subject, EvidenceStorage.REFERRER_BUNDLE, referrer.digest()));
      }
    }
    return evidence;
  }

  /**
   * A bundle referrer that may hold a signature. The predicate-type annotation is unsigned and
   * absent from go-containerregistry's fallback indexes, so it can only exclude; the verified
   * statement decides.
   */
  private static boolean isSignatureBundle(Descriptor referrer) {
    boolean bundle =
        referrer.artifactType().map(t -> t.value().startsWith(BUNDLE_PREFIX)).orElse(false);
    Optional<String> type = referrer.annotation(BundleReferrer.PREDICATE_TYPE_ANNOTATION);
    return bundle && type.map(PredicateTypes.COSIGN_SIGN_V1::equals).orElse(true);
  }

  private Optional<Evidence> verify(Descriptor referrer, Digest subject)
      throws CandidateRejected, StoreException {
    String what = "bundle referrer " + referrer.digest();
    ImageManifest manifest = CandidateReads.imageManifest(store, referrer.digest(), what);
    Optional<Descriptor> layer = BundleReferrer.bundleLayer(manifest);
    if (layer.isEmpty()) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.MALFORMED,
              what
                  + " does not hold exactly one bundle layer (got "
                  + manifest.layers().size()
                  + " layers)"));
    }
    Bytes content = CandidateReads.blob(store, layer.get(), what + " bundle");
    SigstoreBundle bundle;
    try {
      bundle = BundleCodec.parse(content);
    } catch (InvalidInputException e) {
      throw new CandidateRejected(Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
    }
    if (bundle.dsseEnvelope().isEmpty()) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.MALFORMED,
              what + " holds a message signature (cosign signs images with a DSSE envelope)"));
    }
    DsseEnvelope envelope = bundle.dsseEnvelope().get();
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.PAYLOAD_TYPE_MISMATCH,
              "the envelope's payload type is not in-toto (expected "
                  + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE
                  + ", got \""
                  + JsonView.shorten(envelope.payloadType())
                  + "\")"));
    }
    // Verify the PAE over the exact payload bytes first; parse only what a trusted key signed.
    Bytes pae = envelope.pae();
    Bytes signature = envelope.signatures().get(0).sig();
    Optional<Verifier> verifier = keys.verifying(pae, signature);
    SignerIdentity signer;
    List<X509Certificate> chain = List.of();
    if (verifier.isPresent()) {
      signer = TrustedKeys.identity(verifier.get());
    } else if (bundle.certificate().isPresent() && !keys.certificates().isEmpty()) {
      chain = CertificateCandidates.chain(ClaimedChain.of(bundle));
      CertificateCandidates.verifyWithLeaf(chain.get(0), pae, signature);
      signer = null; // decided once the statement's time is known, below
    } else {
      throw new CandidateRejected(keys.unverified(claim(bundle), pae, signature));
    }
    Statement statement;
    try {
      statement = StatementCodec.parse(envelope.payload());
    } catch (InvalidInputException e) {
      throw new CandidateRejected(
          new Rejection(ReasonCode.MALFORMED, e.getMessage(), Optional.ofNullable(signer)));
    }
    if (!statement.predicateType().equals(PredicateTypes.COSIGN_SIGN_V1)) {
      return Optional.empty(); // a verified attestation: not a signature
    }
    if (signer == null) {
      // cosign's signature statement carries no time of its own: the chain must be valid now
      signer = CertificateCandidates.trust(keys.certificates(), chain, keys.now());
    }
    Optional<ResourceDescriptor> named =
        statement.subjects().stream().filter(s -> s.matches(subject)).findFirst();
    if (named.isEmpty()) {
      throw new CandidateRejected(
          new Rejection(
              ReasonCode.SUBJECT_MISMATCH,
              "the statement signs another manifest (expected "
                  + subject
                  + ", got "
                  + JsonView.shorten(String.valueOf(statement.subjects().get(0).digest()))
                  + ")",
              Optional.of(signer)));
    }
    Optional<Rejection> annotations =
        RequiredAnnotations.check(required, textual(named.get().annotations()), signer);
    if (annotations.isPresent()) {
      throw new CandidateRejected(annotations.get());
    }
    return Optional.of(
        VerifiedEvidence.cosignSignature(
            signer,
            subject,
            EvidenceStorage.REFERRER_BUNDLE,
            manifest.digest(),
            envelope.payload()));
  }

  private static Map<String, String> textual(Map<String, JsonNode> annotations) {
    Map<String, String> out = new TreeMap<>();
    annotations.forEach(
        (k, v) -> {
          if (v.isTextual()) {
            out.put(k, v.textValue());
          }
        });
    return out;
  }

  private static Optional<TrustedKeys.Claim> claim(SigstoreBundle bundle) {
    if (bundle.certificate().isPresent()) {
      try {
        X509Certificate leaf =
            Certificates.parse(bundle.certificate().get().toByteArray(), "bundle certificate");
        return Optional.of(
            TrustedKeys.Claim.certificate(
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                Certificates.publicKey(leaf, "bundle certificate")));
      } catch (KeyException e) {
        return Optional.empty();
      }
    }
    return bundle.publicKeyHint().map(TrustedKeys.Claim::hint);
  }
}
