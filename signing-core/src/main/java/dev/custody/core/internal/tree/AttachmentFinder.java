package dev.custody.core.internal.tree;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.Attachment;
import dev.custody.store.AttachmentKind;
import dev.custody.store.AttachmentStorage;
import dev.custody.store.Attachments;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code tree}: what is attached to an image. Resolves the reference once, then looks for cosign's
 * {@code .sig}, {@code .att} and {@code .sbom} tags of the digest (FORMATS.md §3.1), the
 * referrers the store lists (§2.7) and those only the referrers tag schema index lists (§2.8;
 * stores may have one without the other). Each attachment's manifest is read for its layers.
 * Bounded by {@link Attachments#MAX_ATTACHMENTS}. Thread-safe.
 */
public final class AttachmentFinder {
  private static final String PREDICATE_TYPE = "predicateType";

  private final int maxAttachments;

  /** Uses {@link Attachments#MAX_ATTACHMENTS}. */
  public AttachmentFinder() {
    this(Attachments.MAX_ATTACHMENTS);
  }

  /** @param maxAttachments the most attachments listed before failing */
  public AttachmentFinder(int maxAttachments) {
    if (maxAttachments < 1) {
      throw new IllegalArgumentException("maxAttachments must be at least 1 (got " + maxAttachments + ")");
    }
    this.maxAttachments = maxAttachments;
  }

  /**
   * Lists the attachments of the image {@code image} names.
   *
   * @param store the repository holding it
   * @param image the reference; a tag is resolved once
   * @return the attachments, cosign tags first
   * @throws CustodyException if the store fails or the bound is exceeded
   */
  public Attachments find(ArtifactStore store, ImageReference image) throws CustodyException {
    requireNonNull(store, "store");
    requireNonNull(image, "image");
    Descriptor resolved = store.resolve(image.tagOrDigest());
    Digest subject = resolved.digest();
    String where = image.context() + "@" + subject;
    List<Attachment> found = new ArrayList<>();
    for (CosignTags.Kind kind : CosignTags.Kind.values()) {
      String tag = CosignTags.tag(subject, kind);
      Optional<Descriptor> tagged = resolveIfPresent(store, tag);
      if (tagged.isPresent()) {
        add(found, where, cosignTag(store, kind, tag, tagged.get()));
      }
    }
    Set<Digest> listed = new LinkedHashSet<>();
    for (Descriptor referrer : store.referrers(subject)) {
      if (listed.add(referrer.digest())) {
        add(found, where, referrer(store, referrer, AttachmentStorage.REFERRER));
      }
    }
    Optional<Descriptor> schemaIndex = resolveIfPresent(store, subject.toTagForm());
    if (schemaIndex.isPresent() && schemaIndex.get().mediaType().isIndex()) {
      Manifest index = store.manifest(schemaIndex.get().digest());
      if (index instanceof ImageIndex) {
        for (Descriptor referrer : ((ImageIndex) index).manifests()) {
          if (listed.add(referrer.digest())) {
            add(found, where, referrer(store, referrer, AttachmentStorage.REFERRER_TAG_SCHEMA));
          }
        }
      }
    }
    return new Attachments(image, resolved, found);
  }

  private void add(List<Attachment> found, String where, Attachment attachment) throws StoreException {
    if (found.size() >= maxAttachments) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          "list attachments of " + where + ": more than " + maxAttachments + " attachments",
          null);
    }
    found.add(attachment);
  }

  private static Attachment cosignTag(
      ArtifactStore store, CosignTags.Kind kind, String tag, Descriptor descriptor)
      throws StoreException {
    Manifest manifest = store.manifest(descriptor.digest());
    Optional<String> configType =
        manifest instanceof ImageManifest
            ? Optional.of(((ImageManifest) manifest).config().mediaType().toString())
            : Optional.empty();
    // every .att layer names its predicate type; list them when they agree
    Set<String> predicates =
        layersOf(manifest).stream()
            .map(layer -> layer.annotation(PREDICATE_TYPE))
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return new Attachment(
        kindOf(kind),
        AttachmentStorage.COSIGN_TAG,
        descriptor.digest(),
        manifest.artifactType().map(Object::toString).or(() -> configType),
        Optional.of(tag),
        predicates.size() == 1 ? Optional.of(predicates.iterator().next()) : Optional.empty(),
        digests(layersOf(manifest)));
  }

  private static Attachment referrer(ArtifactStore store, Descriptor referrer, AttachmentStorage storage)
      throws StoreException {
    Manifest manifest = store.manifest(referrer.digest());
    return new Attachment(
        AttachmentKinds.ofReferrer(referrer),
        storage,
        referrer.digest(),
        referrer.artifactType().or(manifest::artifactType).map(Object::toString),
        Optional.empty(),
        referrer.annotation(AttachmentKinds.BUNDLE_PREDICATE_TYPE),
        digests(layersOf(manifest)));
  }

  private static AttachmentKind kindOf(CosignTags.Kind kind) {
    switch (kind) {
      case SIGNATURE:
        return AttachmentKind.SIGNATURE;
      case ATTESTATION:
        return AttachmentKind.ATTESTATION;
      case SBOM:
        return AttachmentKind.SBOM;
      default:
        throw new AssertionError(kind);
    }
  }

  private static List<Descriptor> layersOf(Manifest manifest) {
    return manifest instanceof ImageManifest ? ((ImageManifest) manifest).layers() : List.of();
  }

  private static List<Digest> digests(List<Descriptor> descriptors) {
    return descriptors.stream().map(Descriptor::digest).collect(Collectors.toUnmodifiableList());
  }

  private static Optional<Descriptor> resolveIfPresent(ArtifactStore store, String tag)
      throws StoreException {
    try {
      return Optional.of(store.resolve(tag));
    } catch (StoreException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
