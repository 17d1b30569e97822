package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyEvent;
import dev.custody.store.CopyListener;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an image graph between two {@link ArtifactStore}s (registry to registry, layout to
 * registry, either way): the manifest, an index's children recursively, and every config and layer
 * blob, children before parents so that no store ever holds a manifest whose content is missing.
 * Digests do not change: manifests travel as their exact bytes.
 *
 * <p>Blobs the destination already has are skipped (one HEAD each). Between two repositories of the
 * same registry, blobs are mounted instead of transferred, with an ordinary upload when the
 * registry declines. Non-distributable (foreign) layers with URLs are left where they are, as the
 * image spec allows. A manifest's {@code subject} is not followed; attachments are copied by the
 * promotion code.
 *
 * <p>Each distinct blob and each manifest written is reported to the {@link CopyListener} once,
 * as it is handled (after a blob, before the manifests that name it), for a progress display.
 *
 * <p>Stateless and thread-safe; one copy runs sequentially on the calling thread.
 */
public final class ImageCopier {
  /** Index nesting deeper than this is refused (real images nest one level). */
  static final int MAX_DEPTH = 8;

  /** Manifests copied in one graph at most. */
  static final int MAX_MANIFESTS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ImageCopier.class);

  private ImageCopier() {}

  /**
   * What a copy did.
   *
   * @param root the root manifest's descriptor
   * @param blobsCopied blobs transferred through this process
   * @param blobsMounted blobs mounted from the source repository
   * @param blobsSkipped blobs the destination already had
   */
  public record Result(Descriptor root, int blobsCopied, int blobsMounted, int blobsSkipped) {}

  /**
   * Copies the image {@code tagOrDigest} names in {@code source} to {@code destination}.
   *
   * @param source where the image is
   * @param tagOrDigest a tag or digest in {@code source}; resolved once
   * @param destination where it goes
   * @param destinationTag the tag to set on the copied root, or empty to copy by digest only
   * @return the root descriptor and blob counts
   * @throws StoreException if reading, writing or a bound fails
   */
  public static Result copy(
      ArtifactStore source,
      String tagOrDigest,
      ArtifactStore destination,
      Optional<String> destinationTag)
      throws StoreException {
    return copy(source, tagOrDigest, destination, destinationTag, CopyListener.none());
  }

  /**
   * Copies the image {@code tagOrDigest} names in {@code source} to {@code destination}, telling
   * {@code listener} about every manifest and blob handled.
   *
   * @param source where the image is
   * @param tagOrDigest a tag or digest in {@code source}; resolved once
   * @param destination where it goes
   * @param destinationTag the tag to set on the copied root, or empty to copy by digest only
   * @param listener hears about each distinct blob and each manifest written, on this thread
   * @return the root descriptor and blob counts
   * @throws StoreException if reading, writing or a bound fails
   */
  public static Result copy(
      ArtifactStore source,
      String tagOrDigest,
      ArtifactStore destination,
      Optional<String> destinationTag,
      CopyListener listener)
      throws StoreException {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
    requireNonNull(destinationTag, "destinationTag");
    requireNonNull(listener, "listener");
    Descriptor root = source.resolve(requireNonNull(tagOrDigest, "tagOrDigest"));
    Walk walk = new Walk(source, destination, listener);
    walk.manifest(root.digest(), destinationTag, 0);
    return new Result(root, walk.copied, walk.mounted, walk.skipped);
  }

  private static final class Walk {
    private final ArtifactStore source;
    private final ArtifactStore destination;
    private final CopyListener listener;
    private final Set<Digest> done = new HashSet<>();
    int copied;
    int mounted;
    int skipped;

    Walk(ArtifactStore source, ArtifactStore destination, CopyListener listener) {
      this.source = source;
      this.destination = destination;
      this.listener = listener;
    }

    void manifest(Digest digest, Optional<String> tag, int depth) throws StoreException {
      if (depth > MAX_DEPTH) {
        throw new StoreException(
            Reason.LIMIT_EXCEEDED,
            "copy "
                + source.location()
                + "@"
                + digest
                + ": indexes nested deeper than "
                + MAX_DEPTH,
            null);
      }
      if (tag.isEmpty() && done.contains(digest)) {
        return;
      }
      if (done.size() >= MAX_MANIFESTS) {
        throw new StoreException(
            Reason.LIMIT_EXCEEDED,
            "copy " + source.location() + ": more than " + MAX_MANIFESTS + " manifests",
            null);
      }
      Manifest m = source.manifest(digest);
      Descriptor written = m.descriptor();
      if (m instanceof ImageIndex) {
        for (Descriptor child : ((ImageIndex) m).manifests()) {
          manifest(child.digest(), Optional.empty(), depth + 1);
        }
      } else if (m instanceof ImageManifest) {
        ImageManifest image = (ImageManifest) m;
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(image.config());
        blobs.addAll(image.layers());
        for (Descriptor blob : blobs) {
          blob(blob);
        }
      } else {
        throw new AssertionError("unknown manifest kind " + m.getClass());
      }
      if (tag.isPresent()) {
        destination.putManifest(m, tag.get());
      } else {
        destination.putManifest(m);
      }
      done.add(digest);
      listener.handled(new CopyEvent(CopyEvent.Kind.MANIFEST, written, CopyEvent.Outcome.COPIED));
    }

    void blob(Descriptor blob) throws StoreException {
      if (!done.add(blob.digest())) {
        return;
      }
      if (isForeign(blob)) {
        LOG.debug("copy: leaving non-distributable layer {} at its URLs", blob.digest());
        report(blob, CopyEvent.Outcome.SKIPPED);
        return;
      }
      if (destination.hasBlob(blob.digest())) {
        skipped++;
        report(blob, CopyEvent.Outcome.SKIPPED);
        return;
      }
      if (sameRegistry()) {
        boolean wasMounted =
            ((RegistryStore) destination)
                .mountOrUpload(
                    blob, ((RegistryStore) source).repository(), () -> source.openBlob(blob));
        if (wasMounted) {
          mounted++;
          report(blob, CopyEvent.Outcome.MOUNTED);
        } else {
          copied++;
          report(blob, CopyEvent.Outcome.COPIED);
        }
        return;
      }
      try (InputStream in = source.openBlob(blob)) {
        destination.putBlob(blob, in);
      } catch (IOException e) {
        throw new StoreException(
            Reason.IO, "copy blob " + blob.digest() + " from " + source.location() + ": " + e, e);
      }
      copied++;
      report(blob, CopyEvent.Outcome.COPIED);
    }

    private void report(Descriptor blob, CopyEvent.Outcome outcome) {
      listener.handled(new CopyEvent(CopyEvent.Kind.BLOB, blob, outcome));
    }

    private boolean sameRegistry() {
      return source instanceof RegistryStore
          && destination instanceof RegistryStore
          && ((RegistryStore) source).baseUrl().equals(((RegistryStore) destination).baseUrl())
          && !((RegistryStore) source)
              .repository()
              .equals(((RegistryStore) destination).repository());
    }

    private static boolean isForeign(Descriptor blob) {
      String type = blob.mediaType().value().toLowerCase(Locale.ROOT);
      return !blob.urls().isEmpty()
          && (type.contains("foreign") || type.contains("nondistributable"));
    }
  }
}
