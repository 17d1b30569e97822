package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.CosignSignStatement;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.formats.dsse.Pae;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.StatementCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.EvidenceStorage;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a signature as {@code cosign sign} v3 does (FORMATS.md §3.10): an in-toto statement of
 * predicate type {@value PredicateTypes#COSIGN_SIGN_V1} naming the digest (with the annotations),
 * signed as a DSSE envelope, in a key-only Sigstore bundle v0.3 with cosign's public-key hint, in a
 * referrer manifest whose subject is the image. The referrer is put by digest; the store keeps the
 * referrers index (API or tag schema), and the listing is re-read to confirm it names the new
 * referrer.
 */
final class BundleReferrerWriter {
  /** A referrer missing from the listing after its write is put again this often. */
  static final int MAX_ATTEMPTS = 5;

  private final ArtifactStore store;

  BundleReferrerWriter(ArtifactStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Signs and stores.
   *
   * @param subject the signed manifest
   * @param signer the key
   * @param annotations the {@code -a} annotations, in the statement's subject
   * @param created the creation time annotated on the referrer
   * @return where the signature now is
   * @throws CustodyException if signing or the store fails
   */
  StoredSignature write(
      Manifest subject, Signer signer, Map<String, String> annotations, Instant created)
      throws CustodyException {
    Bytes statement = StatementCodec.write(CosignSignStatement.of(subject.digest(), annotations));
    Bytes signature = signer.sign(Pae.encode(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement));
    DsseEnvelope envelope =
        new DsseEnvelope(
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, List.of(DsseSignature.of(signature)));
    Bytes bundle =
        BundleCodec.write(
            SigstoreBundle.ofKey(
                SigstoreBundle.cosignKeyHint(signer.publicKey().spki()), envelope));
    Descriptor subjectDescriptor = subject.descriptor();
    ImageManifest referrer =
        BundleReferrer.manifest(
            bundle,
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.of(PredicateTypes.COSIGN_SIGN_V1),
            created,
            subjectDescriptor);
    store.putBlob(MediaType.OCI_EMPTY, BundleReferrer.EMPTY_CONFIG);
    store.putBlob(BundleReferrer.BUNDLE_MEDIA_TYPE, bundle);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      store.putManifest(referrer);
      if (store.referrers(subject.digest()).stream()
          .anyMatch(d -> d.digest().equals(referrer.digest()))) {
        return new StoredSignature(
            subject.digest(),
            EvidenceStorage.REFERRER_BUNDLE,
            referrer.digest().toString(),
            referrer.digest());
      }
    }
    throw new StoreException(
        Reason.PROTOCOL,
        "sign "
            + store.location()
            + "@"
            + subject.digest()
            + ": the referrer "
            + referrer.digest()
            + " was stored but is not listed as a referrer after "
            + MAX_ATTEMPTS
            + " attempts",
        null);
  }
}
