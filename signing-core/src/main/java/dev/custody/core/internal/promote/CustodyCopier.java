package dev.custody.core.internal.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.attach.TagImageAppender;
import dev.custody.core.internal.registry.ImageCopier;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies an image together with its custody: every manifest of the image graph, then every
 * attachment of every manifest in it — cosign tag-scheme images ({@code sha256-<hex>.sig}, {@code
 * .att}, {@code .sbom}; a {@code .sig} or {@code .att} tag the destination already holds with other
 * layers is merged, not overwritten) and OCI 1.1 referrers, and attachments of attachments (a
 * signature on an SBOM) — so digests stay the same and verification at the destination sees the
 * same evidence. The referrers tag-schema index is not copied as such: the destination store
 * rebuilds its own as each referrer is written. Stateless and thread-safe.
 */
public final class CustodyCopier {
  /** cosign's legacy attachment suffixes (FORMATS.md §3.1). */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  /** Tags whose layers are each a signature or attestation, merged rather than overwritten. */
  static final List<String> MERGED_SUFFIXES = List.of(".sig", ".att");

  /** Attachments copied per image at most; more is refused, not truncated. */
  static final int MAX_ATTACHMENTS = 1_000;

  private CustodyCopier() {}

  /**
   * Copies {@code sourceRef}'s image and attachments from {@code source} to {@code destination}.
   *
   * @param source the source store
   * @param sourceRef the source reference; resolved once
   * @param destination the destination store
   * @param destinationRef the destination reference; its tag (if any) is set on the copy
   * @return what was copied
   * @throws StoreException if reading or writing fails or a bound is exceeded
   */
  public static CopyResult copy(
      ArtifactStore source,
      ImageReference sourceRef,
      ArtifactStore destination,
      ImageReference destinationRef)
      throws StoreException {
    return copy(source, sourceRef, destination, destinationRef, CopyListener.none());
  }

  /**
   * Copies {@code sourceRef}'s image and attachments from {@code source} to {@code destination},
   * telling {@code listener} about every manifest and blob of the image and of each attachment.
   *
   * @param source the source store
   * @param sourceRef the source reference; resolved once
   * @param destination the destination store
   * @param destinationRef the destination reference; its tag (if any) is set on the copy
   * @param listener hears about each manifest and blob handled, on this thread
   * @return what was copied
   * @throws StoreException if reading or writing fails or a bound is exceeded
   */
  public static CopyResult copy(
      ArtifactStore source,
      ImageReference sourceRef,
      ArtifactStore destination,
      ImageReference destinationRef,
      CopyListener listener)
      throws StoreException {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
    requireNonNull(listener, "listener");
    Optional<String> tag =
        destinationRef.digest().isPresent() ? Optional.empty() : destinationRef.tag();
    ImageCopier.Result image =
        ImageCopier.copy(source, sourceRef.tagOrDigest(), destination, tag, listener);
    if (destinationRef.digest().isPresent()
        && !destinationRef.digest().get().equals(image.root().digest())) {
      throw new StoreException(
          Reason.DIGEST_MISMATCH,
          "copy "
              + sourceRef
              + " to "
              + destinationRef
              + ": the destination names digest "
              + destinationRef.digest().get()
              + " but the source resolved to "
              + image.root().digest(),
          null);
    }
    Counts counts =
        new Counts(image.blobsCopied(), image.blobsSkipped() + image.blobsMounted(), listener);
    copyAttachments(source, destination, graphOf(source, image.root()), counts);
    return new CopyResult(
        sourceRef, destinationRef, image.root(), counts.attachments, counts.copied, counts.skipped);
  }

  /** The digests of the image's own manifests: the root and, for an index, its children. */
  private static List<Digest> graphOf(ArtifactStore source, Descriptor root) throws StoreException {
    if (!root.mediaType().isIndex()) {
      return List.of(root.digest());
    }
    Manifest index = source.manifest(root.digest());
    List<Digest> digests = new java.util.ArrayList<>();
    digests.add(root.digest());
    for (Descriptor child : ((ImageIndex) index).manifests()) {
      digests.add(child.digest());
    }
    return digests;
  }

  private static void copyAttachments(
      ArtifactStore source, ArtifactStore destination, List<Digest> subjects, Counts counts)
      throws StoreException {
    Deque<Digest> pending = new ArrayDeque<>(subjects);
    Set<Digest> visited = new HashSet<>();
    while (!pending.isEmpty()) {
      Digest subject = pending.pop();
      if (!visited.add(subject)) {
        continue;
      }
      for (String suffix : COSIGN_SUFFIXES) {
        String cosignTag = subject.toTagForm() + suffix;
        Optional<Descriptor> attached = resolveIfPresent(source, cosignTag);
        if (attached.isPresent()) {
          Optional<Descriptor> present = resolveIfPresent(destination, cosignTag);
          if (present.isPresent()
              && !present.get().digest().equals(attached.get().digest())
              && MERGED_SUFFIXES.contains(suffix)) {
            merge(source, destination, attached.get().digest(), cosignTag, counts);
          } else {
            copyOne(source, destination, attached.get().digest(), Optional.of(cosignTag), counts);
          }
          pending.add(attached.get().digest());
        }
      }
      for (Descriptor referrer : source.referrers(subject)) {
        copyOne(source, destination, referrer.digest(), Optional.empty(), counts);
        pending.add(referrer.digest());
      }
    }
  }

  private static void copyOne(
      ArtifactStore source,
      ArtifactStore destination,
      Digest digest,
      Optional<String> tag,
      Counts counts)
      throws StoreException {
    if (++counts.attachments > MAX_ATTACHMENTS) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          "copy attachments from " + source.location() + ": more than " + MAX_ATTACHMENTS,
          null);
    }
    ImageCopier.Result result =
        ImageCopier.copy(source, digest.toString(), destination, tag, counts.listener);
    counts.copied += result.blobsCopied();
    counts.skipped += result.blobsSkipped() + result.blobsMounted();
  }

  /**
   * The destination already has other signatures or attestations under the cosign tag (a promotion
   * attested there, a second copy after more approvals): overwriting the tag would drop them, so
   * the source's layers are appended to the destination's image instead, each once. The tag image's
   * digest then differs from the source's; the signed layers are the same bytes.
   */
  private static void merge(
      ArtifactStore source, ArtifactStore destination, Digest digest, String tag, Counts counts)
      throws StoreException {
    copyOne(source, destination, digest, Optional.empty(), counts);
    Manifest manifest = source.manifest(digest);
    if (!(manifest instanceof ImageManifest)) {
      throw new StoreException(
          Reason.INVALID_INPUT,
          "copy " + source.location() + ":" + tag + ": not an image manifest, cannot merge it",
          null);
    }
    for (Descriptor layer : ((ImageManifest) manifest).layers()) {
      try {
        TagImageAppender.append(destination, tag, layer);
      } catch (StoreException e) {
        throw e;
      } catch (CustodyException e) {
        throw new StoreException(
            e.reason(),
            "merge " + tag + " into " + destination.location() + ": " + e.getMessage(),
            e);
      }
    }
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

  private static final class Counts {
    int attachments;
    int copied;
    int skipped;
    final CopyListener listener;

    Counts(int copied, int skipped, CopyListener listener) {
      this.copied = copied;
      this.skipped = skipped;
      this.listener = listener;
    }
  }
}
