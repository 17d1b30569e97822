package dev.custody.core.internal.attach;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.cosign.SignatureImage;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one layer to a cosign legacy signature or attestation image under its tag ({@code
 * sha256-<hex>.sig} / {@code .att}, FORMATS.md §3.1): read the tag's image, merge the new layer in
 * (keeping every existing layer), write it back, and re-read to confirm the layer survived; when a
 * concurrent writer's image landed on top, start again from a fresh read, up to {@link #MAX_WRITES}
 * writes with a short random back-off. A tag that holds anything but an image manifest is never
 * overwritten.
 *
 * <p><b>Concurrency.</b> Within this JVM, appends to the same tag of the same store location are
 * serialised, so concurrent signers and attesters in one process never lose each other's layers.
 * Across processes the tag is a last-writer-wins register (FORMATS.md §3.1: "racy"): a writer that
 * read before our write and writes after our confirming re-read replaces our layer without either
 * side seeing it. The layer's blob stays in the repository; only its listing is lost.
 *
 * <p>Thread-safe. The only static state is a fixed table of lock objects.
 */
public final class TagImageAppender {
  /** Writes attempted before giving up on a contended tag. */
  public static final int MAX_WRITES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(TagImageAppender.class);
  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  private TagImageAppender() {}

  /**
   * Appends {@code layer}, whose blob the caller has already stored, to the image tagged {@code
   * tag}, creating the image if the tag does not exist.
   *
   * @param store the repository
   * @param tag the cosign tag
   * @param layer the layer descriptor with its annotations
   * @return the descriptor of the image manifest that holds the layer, as re-read
   * @throws CustodyException if the tag holds something else than an image manifest, the image
   *     would exceed {@link SignatureImage#MAX_LAYERS}, the store fails, or concurrent writers kept
   *     replacing the tag for {@link #MAX_WRITES} writes
   */
  public static Descriptor append(ArtifactStore store, String tag, Descriptor layer)
      throws CustodyException {
    requireNonNull(store, "store");
    requireNonNull(tag, "tag");
    requireNonNull(layer, "layer");
    String where = store.location() + ":" + tag;
    synchronized (LOCKS[Math.floorMod(where.hashCode(), LOCKS.length)]) {
      for (int attempt = 1; attempt <= MAX_WRITES; attempt++) {
        List<Descriptor> existing =
            current(store, tag, where).map(ImageManifest::layers).orElse(List.of());
        SignatureImage image = SignatureImage.append(existing, layer);
        store.putBlob(MediaType.OCI_CONFIG, image.config());
        store.putManifest(image.manifest(), tag);
        Optional<ImageManifest> after = current(store, tag, where);
        if (after.isPresent() && after.get().layers().contains(layer)) {
          return after.get().descriptor();
        }
        LOG.debug("append to {}: a concurrent write replaced ours (attempt {})", where, attempt);
        backOff(where);
      }
    }
    throw new StoreException(
        Reason.IO,
        "append to "
            + where
            + ": concurrent writers replaced the image "
            + MAX_WRITES
            + " times in a row; try again",
        null);
  }

  /** {@return the image the tag holds now, or empty if the tag does not exist} */
  private static Optional<ImageManifest> current(ArtifactStore store, String tag, String where)
      throws CustodyException {
    Descriptor d;
    try {
      d = store.resolve(tag);
    } catch (StoreException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    Manifest m = store.manifest(d.digest());
    if (!(m instanceof ImageManifest)) {
      throw new InvalidInputException(
          "append to "
              + where
              + ": the tag holds "
              + m.mediaType()
              + ", not a signature image (expected an image manifest); refusing to overwrite it");
    }
    return Optional.of((ImageManifest) m);
  }

  private static void backOff(String where) throws StoreException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "append to " + where + ": interrupted", e);
    }
  }
}
