package dev.custody.core.internal.attach.attest;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.pki.ClaimedChain;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every attestation attached to one manifest, in both storage modes (issue 5: "both read
 * always"): the DSSE layers of cosign's {@code sha256-<hex>.att} image (FORMATS.md §3.7), the
 * Sigstore bundle referrers holding a DSSE envelope (§3.10), and legacy DSSE layers pushed as
 * referrers ({@code artifactType application/vnd.in-toto+json}, read-side tolerance). Each
 * candidate is counted against the budget before it is fetched, then verified by {@link
 * EnvelopeVerifier}. Bundles holding a message signature, and cosign v3's signature statements
 * ({@code https://sigstore.dev/cosign/sign/v1}), are signatures and left to the signature schemes.
 * Stateless.
 */
final class AttestationDiscovery {
  /** The largest envelope or bundle blob read: SBOM attestations can be large. */
  static final int MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;

  static final MediaType IN_TOTO_ARTIFACT = MediaType.of(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE);

  private static final Logger LOG = LoggerFactory.getLogger(AttestationDiscovery.class);
  private static final String BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";

  private AttestationDiscovery() {}

  /**
   * Examines the attestations of {@code subject}.
   *
   * @param store the repository
   * @param subject the manifest whose attestations are examined
   * @param trust the keys attestations may verify with
   * @param budget the bound on candidates, shared by both modes
   * @return one or more pieces of evidence per candidate, verified or failed
   * @throws CustodyException if the store fails or the budget is exceeded
   */
  static List<Evidence> examine(
      ArtifactStore store, Descriptor subject, TrustedKeys trust, CandidateBudget budget)
      throws CustodyException {
    List<Evidence> out = new ArrayList<>();
    Digest digest = subject.digest();
    Optional<ImageManifest> att = legacyImage(store, digest);
    if (att.isPresent()) {
      dsseLayers(store, digest, att.get(), trust, budget, out);
    }
    for (Descriptor referrer : store.referrers(digest)) {
      if (!mayHoldAttestation(referrer)) {
        continue;
      }
      budget.take(store.location() + "@" + digest);
      Manifest m = store.manifest(referrer.digest());
      if (!(m instanceof ImageManifest)) {
        continue;
      }
      ImageManifest manifest = (ImageManifest) m;
      if (manifest.artifactType().filter(IN_TOTO_ARTIFACT::equals).isPresent()) {
        dsseLayers(store, digest, manifest, trust, null, out);
        continue;
      }
      Optional<Descriptor> layer = BundleReferrer.bundleLayer(manifest);
      if (layer.isPresent()) {
        bundle(store, digest, manifest, layer.get(), trust, out);
      }
    }
    return out;
  }

  private static Optional<ImageManifest> legacyImage(ArtifactStore store, Digest digest)
      throws StoreException {
    Descriptor d;
    try {
      d = store.resolve(CosignTags.attestationTag(digest));
    } catch (StoreException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    Manifest m = store.manifest(d.digest());
    if (!(m instanceof ImageManifest)) {
      LOG.warn(
          "{}: {} is not an image manifest; ignored",
          store.location(),
          CosignTags.attestationTag(digest));
      return Optional.empty();
    }
    return Optional.of((ImageManifest) m);
  }

  /** The referrer's descriptor says bundle or in-toto, or says nothing: fetch it. */
  private static boolean mayHoldAttestation(Descriptor referrer) {
    Optional<MediaType> type = referrer.artifactType();
    if (type.isPresent()
        && !type.get().value().startsWith(BUNDLE_PREFIX)
        && !type.get().equals(IN_TOTO_ARTIFACT)) {
      return false;
    }
    if (referrer
        .annotation(BundleReferrer.CONTENT_ANNOTATION)
        .filter(SigstoreBundle.Content.MESSAGE_SIGNATURE.annotation()::equals)
        .isPresent()) {
      return false;
    }
    return referrer
        .annotation(BundleReferrer.PREDICATE_TYPE_ANNOTATION)
        .filter(PredicateTypes.COSIGN_SIGN_V1::equals)
        .isEmpty();
  }

  /** The DSSE layers of a cosign attestation image; {@code budget} null when already counted. */
  private static void dsseLayers(
      ArtifactStore store,
      Digest digest,
      ImageManifest image,
      TrustedKeys trust,
      CandidateBudget budget,
      List<Evidence> out)
      throws CustodyException {
    for (Descriptor layer : image.layers()) {
      if (!layer.mediaType().equals(SignatureLayer.DSSE_MEDIA_TYPE)) {
        continue;
      }
      if (budget != null) {
        budget.take(store.location() + "@" + digest);
      }
      EnvelopeVerifier.Found found =
          new EnvelopeVerifier.Found(
              digest,
              EvidenceStorage.COSIGN_ATT,
              image.digest(),
              layer.annotation(SignatureLayer.PREDICATE_TYPE),
              List.of(),
              ClaimedChain.ofPem(
                  layer.annotation(SignatureLayer.CERTIFICATE),
                  layer.annotation(SignatureLayer.CHAIN)));
      Optional<Bytes> blob = read(store, layer, found, out);
      if (blob.isEmpty()) {
        continue;
      }
      DsseEnvelope envelope;
      try {
        envelope = DsseEnvelopeCodec.parse(blob.get());
      } catch (InvalidInputException e) {
        out.add(
            EnvelopeVerifier.failed(
                found,
                found.claimedType(),
                Optional.empty(),
                ReasonCode.MALFORMED,
                e.getMessage()));
        continue;
      }
      out.addAll(EnvelopeVerifier.verify(envelope, found, trust));
    }
  }

  private static void bundle(
      ArtifactStore store,
      Digest digest,
      ImageManifest manifest,
      Descriptor layer,
      TrustedKeys trust,
      List<Evidence> out)
      throws CustodyException {
    EnvelopeVerifier.Found found =
        new EnvelopeVerifier.Found(
            digest,
            EvidenceStorage.REFERRER_BUNDLE,
            manifest.digest(),
            Optional.ofNullable(
                manifest.annotations().get(BundleReferrer.PREDICATE_TYPE_ANNOTATION)),
            List.of());
    Optional<Bytes> blob = read(store, layer, found, out);
    if (blob.isEmpty()) {
      return;
    }
    SigstoreBundle bundle;
    try {
      bundle = BundleCodec.parse(blob.get());
    } catch (InvalidInputException e) {
      out.add(
          EnvelopeVerifier.failed(
              found,
              found.claimedType(),
              Optional.empty(),
              e.reason() == Reason.UNSUPPORTED
                  ? ReasonCode.UNSUPPORTED_ALGORITHM
                  : ReasonCode.MALFORMED,
              e.getMessage()));
      return;
    }
    if (bundle.dsseEnvelope().isEmpty()) {
      return; // a message signature: the cosign signature scheme's evidence
    }
    // A certificate bundle (v0.3 leaf, or a v0.1/v0.2 chain) counts only for a certificate signer
    // whose roots and subject accept it; no transparency-log entry is checked (FORMATS.md §6.7).
    EnvelopeVerifier.Found withHint =
        new EnvelopeVerifier.Found(
            found.attachedTo(),
            found.storage(),
            found.ref(),
            found.claimedType(),
            bundle.publicKeyHint().map(List::of).orElse(List.of()),
            ClaimedChain.of(bundle));
    out.addAll(EnvelopeVerifier.verify(bundle.dsseEnvelope().get(), withHint, trust));
  }

  /**
   * Reads a candidate's blob; a blob that is missing, corrupt or too large is a failed candidate.
   */
  private static Optional<Bytes> read(
      ArtifactStore store, Descriptor layer, EnvelopeVerifier.Found found, List<Evidence> out)
      throws StoreException {
    try {
      return Optional.of(store.readBlob(layer, MAX_ENVELOPE_BYTES));
    } catch (StoreException e) {
      ReasonCode reason;
      switch (e.reason()) {
        case LIMIT_EXCEEDED:
          reason = ReasonCode.LIMIT_EXCEEDED;
          break;
        case NOT_FOUND:
        case DIGEST_MISMATCH:
          reason = ReasonCode.MALFORMED;
          break;
        default:
          throw e;
      }
      out.add(
          EnvelopeVerifier.failed(
              found, found.claimedType(), Optional.empty(), reason, e.getMessage()));
      return Optional.empty();
    }
  }
}
