package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.pki.ClaimedChain;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
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
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Examines the legacy signatures of one manifest (FORMATS.md §3.5): every simple-signing layer of
 * the image at tag {@code sha256-<hex>.sig} is one candidate, counted against the budget before its
 * payload is fetched. Each payload is verified over its exact bytes with the trusted keys (or, for a
 * layer carrying a certificate, with the certificate's key, whose chain a certificate signer must
 * accept), then parsed, then bound to exactly the subject digest and the required annotations.
 */
final class SignatureTagReader {
  private final ArtifactStore store;
  private final TrustedKeys keys;
  private final Map<String, String> required;
  private final CandidateBudget budget;

  SignatureTagReader(
      ArtifactStore store, TrustedKeys keys, Map<String, String> required, CandidateBudget budget) {
    this.store = requireNonNull(store, "store");
    this.keys = requireNonNull(keys, "keys");
    this.required = Map.copyOf(required);
    this.budget = requireNonNull(budget, "budget");
  }

  /**
   * {@return one evidence per signature layer attached to {@code subject}; empty without a tag}
   *
   * @throws CustodyException if the store fails or the budget is exceeded
   */
  List<Evidence> read(Digest subject) throws CustodyException {
    String tag = CosignTags.signatureTag(subject);
    String where = store.location() + ":" + tag;
    Descriptor tagged;
    try {
      tagged = store.resolve(tag);
    } catch (StoreException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    ImageManifest image;
    try {
      image = CandidateReads.imageManifest(store, tagged.digest(), "signature image " + where);
    } catch (CandidateRejected r) {
      budget.take(where);
      return List.of(
          r.rejection().toEvidence(subject, EvidenceStorage.COSIGN_SIG, tagged.digest()));
    }
    List<Evidence> evidence = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      // §3.5 step 6: layers of other media types are not signatures
      if (layer.mediaType().equals(SimpleSigningPayload.MEDIA_TYPE)) {
        budget.take(where);
        evidence.add(examine(layer, subject, image.digest()));
      }
    }
    return evidence;
  }

  private Evidence examine(Descriptor layer, Digest subject, Digest ref) throws StoreException {
    try {
      return verify(layer, subject, ref);
    } catch (CandidateRejected r) {
      return r.rejection().toEvidence(subject, EvidenceStorage.COSIGN_SIG, ref);
    }
  }

  private Evidence verify(Descriptor layer, Digest subject, Digest ref)
      throws CandidateRejected, StoreException {
    String what = "signature layer " + layer.digest();
    SignatureLayer parsed;
    try {
      parsed = SignatureLayer.read(layer);
    } catch (InvalidInputException e) {
      throw new CandidateRejected(Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
    }
    Bytes payload = CandidateReads.blob(store, layer, what + " payload");
    // Verify the exact bytes first; parse only what a trusted key (or certificate) signed.
    Optional<Verifier> verifier = keys.verifying(payload, parsed.signature());
    SignerIdentity signer;
    if (verifier.isPresent()) {
      signer = TrustedKeys.identity(verifier.get());
    } else if (parsed.certificatePem().isPresent() && !keys.certificates().isEmpty()) {
      signer = byCertificate(parsed, payload);
    } else {
      throw new CandidateRejected(keys.unverified(claim(parsed), payload, parsed.signature()));
    }
    SimpleSigningPayload signed;
    try {
      signed = SimpleSigningPayload.parse(payload);
    } catch (InvalidInputException e) {
      throw new CandidateRejected(
          new Rejection(ReasonCode.MALFORMED, e.getMessage(), Optional.of(signer)));
    }
    if (!signed.digest().equals(subject)) {
      throw new CandidateRejected(
          new Rejection(
              ReasonCode.SUBJECT_MISMATCH,
              "the payload signs another manifest (expected "
                  + subject
                  + ", got "
                  + signed.digest()
                  + ")",
              Optional.of(signer)));
    }
    Optional<Rejection> annotations =
        RequiredAnnotations.check(required, signed.annotations(), signer);
    if (annotations.isPresent()) {
      throw new CandidateRejected(annotations.get());
    }
    return VerifiedEvidence.cosignSignature(
        signer, signed.digest(), EvidenceStorage.COSIGN_SIG, ref, payload);
  }

  /**
   * A layer signed with the key of the certificate it carries (§3.2 certificate and chain
   * annotations): the signature must verify with the leaf's key, and a certificate signer must
   * accept the chain at the payload's signed time (the verification time without one). The
   * payload's signed time is read after the signature verified with the leaf's key and before the
   * chain is trusted, as Notary reads its signing time before checking authenticity.
   */
  private SignerIdentity byCertificate(SignatureLayer layer, Bytes payload)
      throws CandidateRejected {
    List<X509Certificate> chain =
        CertificateCandidates.chain(ClaimedChain.ofPem(layer.certificatePem(), layer.chainPem()));
    CertificateCandidates.verifyWithLeaf(chain.get(0), payload, layer.signature());
    return CertificateCandidates.trust(
        keys.certificates(),
        chain,
        CertificateCandidates.signedTime(payload).orElse(keys.now()));
  }

  /** The certificate a keyless or certificate-based layer carries names its signer (untrusted). */
  private static Optional<TrustedKeys.Claim> claim(SignatureLayer layer) {
    Optional<String> pem = layer.certificatePem();
    if (pem.isEmpty()) {
      return Optional.empty();
    }
    try {
      X509Certificate leaf =
          Certificates.readChain(
                  pem.get().getBytes(StandardCharsets.US_ASCII), "certificate annotation")
              .get(0);
      return Optional.of(
          TrustedKeys.Claim.certificate(
              leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
              Certificates.publicKey(leaf, "certificate annotation")));
    } catch (KeyException e) {
      return Optional.empty();
    }
  }
}
