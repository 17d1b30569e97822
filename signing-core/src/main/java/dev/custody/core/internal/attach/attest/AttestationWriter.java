package dev.custody.core.internal.attach.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.core.internal.attach.TagImageAppender;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.core.internal.formats.intoto.ResourceDescriptor;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.core.internal.pki.SignerCertificates;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.policy.EvidenceStorage;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Signs one in-toto statement about one manifest and stores it (FORMATS.md §3.7, §3.10, §6.1): the
 * statement's only subject is the manifest digest, named by the repository; the DSSE signature
 * covers PAE(payloadType, payload) over the exact statement bytes; the envelope goes into cosign's
 * {@code .att} image (appended, so concurrent attesters lose nothing; with the signer's certificate
 * chain annotated when given) or into a Sigstore bundle
 * v0.3 in its own referrer manifest. Thread-safe.
 */
final class AttestationWriter {
  private final Clock clock;

  /**
   * @param clock the time written in the referrer's creation annotation (not a signed time)
   */
  AttestationWriter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Attests {@code subject}.
   *
   * @param store the repository holding the subject
   * @param image the reference, for the subject's name
   * @param subject the manifest's descriptor (digest, size and media type)
   * @param signer the key
   * @param predicateType the predicate type URI
   * @param predicate the checked predicate
   * @param mode where to store it
   * @param certificates the signer's chain for a legacy layer's annotations, checked by the caller
   * @return what was stored
   * @throws CustodyException if signing or storing fails
   */
  StoredSignature attest(
      ArtifactStore store,
      ImageReference image,
      Descriptor subject,
      Signer signer,
      String predicateType,
      ObjectNode predicate,
      ReferrersMode mode,
      Optional<SignerCertificates> certificates)
      throws CustodyException {
    Statement statement =
        Statement.of(
            List.of(ResourceDescriptor.ofImage(subjectName(image), subject.digest())),
            predicateType,
            predicate);
    Bytes payload = StatementCodec.write(statement);
    Bytes pae = Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload);
    DsseEnvelope envelope =
        new DsseEnvelope(
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            payload,
            List.of(DsseSignature.of(signer.sign(pae))));
    if (mode == ReferrersMode.LEGACY) {
      return legacy(store, subject, envelope, predicateType, certificates);
    }
    if (certificates.isPresent()) {
      throw new IllegalArgumentException("a bundle referrer carries no certificate chain");
    }
    return referrer(store, subject, envelope, predicateType, signer);
  }

  private static StoredSignature legacy(
      ArtifactStore store,
      Descriptor subject,
      DsseEnvelope envelope,
      String predicateType,
      Optional<SignerCertificates> certificates)
      throws CustodyException {
    Bytes blob = DsseEnvelopeCodec.write(envelope);
    store.putBlob(SignatureLayer.DSSE_MEDIA_TYPE, blob);
    SignatureLayer.Builder builder = SignatureLayer.attestation(blob, predicateType);
    // cosign puts the certificate and chain on the .att layer as on .sig layers (§3.7)
    certificates.ifPresent(c -> c.annotate(builder));
    Descriptor layer = builder.build().descriptor();
    String tag = CosignTags.attestationTag(subject.digest());
    Descriptor image = TagImageAppender.append(store, tag, layer);
    return new StoredSignature(subject.digest(), EvidenceStorage.COSIGN_ATT, tag, image.digest());
  }

  private StoredSignature referrer(
      ArtifactStore store,
      Descriptor subject,
      DsseEnvelope envelope,
      String predicateType,
      Signer signer)
      throws CustodyException {
    String hint = SigstoreBundle.cosignKeyHint(signer.publicKey().spki());
    Bytes blob = BundleCodec.write(SigstoreBundle.ofKey(hint, envelope));
    store.putBlob(BundleReferrer.BUNDLE_MEDIA_TYPE, blob);
    store.putBlob(MediaType.OCI_EMPTY, BundleReferrer.EMPTY_CONFIG);
    ImageManifest manifest =
        BundleReferrer.manifest(
            blob,
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.of(predicateType),
            clock.instant(),
            subject);
    Descriptor stored = store.putManifest(manifest);
    return new StoredSignature(
        subject.digest(),
        EvidenceStorage.REFERRER_BUNDLE,
        stored.digest().toString(),
        stored.digest());
  }

  /**
   * The subject's name: the repository for registry images (FORMATS.md §6.1); {@code _} for a
   * layout, whose directory path means nothing to a verifier elsewhere (in-toto statement.md).
   */
  static String subjectName(ImageReference image) {
    return image.isLayout() ? "_" : image.context();
  }
}
