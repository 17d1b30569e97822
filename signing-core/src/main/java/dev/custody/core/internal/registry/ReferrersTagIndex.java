package dev.custody.core.internal.registry;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.internal.registry.endpoint.FetchedManifest;
import dev.custody.core.internal.registry.endpoint.ManifestGet;
import dev.custody.core.internal.registry.endpoint.ManifestPut;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The referrers tag schema (distribution-spec "Referrers Tag Schema", FORMATS.md §2.8): on a
 * registry without the referrers API, the referrers of subject {@code D} are listed in an OCI image
 * index tagged {@code <alg>-<hex>}.
 *
 * <p><b>Updating.</b> {@link #add} and {@link #remove} read the index (with its {@code ETag}),
 * merge the change, write it back with {@code If-Match} when the registry gave an ETag, and then
 * re-read to confirm that the change survived; when it did not (a concurrent writer's PUT landed on
 * top, or the conditional PUT failed with 412), they start again from a fresh read, up to {@link
 * #MAX_WRITES} writes with a short random back-off. An index that exists but is not an OCI image
 * index is never overwritten. Within one {@link RegistryStore}, updates of the same subject are
 * serialised, so threads sharing a store never lose each other's entries.
 *
 * <p><b>The race that remains.</b> Tags are last-writer-wins registers, and most registries (CNCF
 * distribution among them) ignore {@code If-Match} on manifest PUTs. A writer in another process
 * (or another store instance) that read the index before our write and writes after our confirming
 * re-read silently replaces our entry: neither side can see it, because our confirmation is already
 * done and its read never contained our entry. The referrer manifest itself is not lost (it stays
 * in the repository), only its listing. The window is one read-to-write interval of the other
 * writer; only a registry that honours conditional PUTs, or the referrers API (which indexes on the
 * registry side), closes it. The spec leaves this protection to clients.
 *
 * <p>Thread-safe.
 */
final class ReferrersTagIndex {
  /** Writes attempted before giving up on a contended index. */
  static final int MAX_WRITES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ReferrersTagIndex.class);
  private static final int LOCK_STRIPES = 64;

  private final RegistryTarget target;
  private final Object[] locks = new Object[LOCK_STRIPES];

  ReferrersTagIndex(RegistryTarget target) {
    this.target = target;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * {@return the tag that holds the referrers of {@code subject}}: the algorithm (at most 32
   * characters), {@code -}, the hex value cut to 64 characters ({@code main} branch wording; equal
   * to v1.1.1's for sha256).
   */
  static String tagFor(Digest subject) {
    String alg = subject.algorithm().id();
    String tag =
        alg.substring(0, Math.min(32, alg.length()))
            + "-"
            + subject.hex().substring(0, Math.min(64, subject.hex().length()));
    return tag.replaceAll("[^A-Za-z0-9_.-]", "-");
  }

  /**
   * The untruncated form oras-go and go-containerregistry write for long digests (FORMATS.md §2.8).
   */
  static Optional<String> legacyTagFor(Digest subject) {
    String full = subject.toTagForm();
    return full.equals(tagFor(subject)) ? Optional.empty() : Optional.of(full);
  }

  /**
   * Lists the referrers recorded for {@code subject}: the spec tag, else the legacy long tag.
   *
   * @throws StoreException if the registry fails or the tag holds something else than an index
   */
  List<Descriptor> read(Digest subject) throws StoreException {
    return read(subject, false);
  }

  /**
   * Lists the referrers recorded for {@code subject} on a registry that also has the referrers API:
   * like {@link #read(Digest)}, but a tag holding something other than an OCI image index is not
   * an error there (nothing on such a registry needs the tag, so it may be anything a user pushed)
   * and counts as no entries, with a debug log.
   *
   * @throws StoreException if the registry fails
   */
  List<Descriptor> readBesideApi(Digest subject) throws StoreException {
    return read(subject, true);
  }

  private List<Descriptor> read(Digest subject, boolean ignoreNonIndex) throws StoreException {
    Optional<Current> current = fetch(tagFor(subject), ignoreNonIndex);
    if (current.isEmpty() && legacyTagFor(subject).isPresent()) {
      current = fetch(legacyTagFor(subject).get(), ignoreNonIndex);
    }
    return current.map(Current::manifests).orElse(List.of());
  }

  /**
   * Records {@code referrer} as a referrer of {@code subject} (no duplicates by digest).
   *
   * @throws StoreException if the update cannot be made to stick within {@link #MAX_WRITES} writes
   */
  void add(Digest subject, Descriptor referrer) throws StoreException {
    update(
        subject,
        "add " + referrer.digest(),
        list -> list.stream().anyMatch(d -> d.digest().equals(referrer.digest())),
        list -> {
          List<Descriptor> next = new ArrayList<>(list);
          next.add(referrer);
          return next;
        });
  }

  /**
   * Removes {@code referrer} from the referrers of {@code subject}, if listed.
   *
   * @throws StoreException if the update cannot be made to stick within {@link #MAX_WRITES} writes
   */
  void remove(Digest subject, Digest referrer) throws StoreException {
    update(
        subject,
        "remove " + referrer,
        list -> list.stream().noneMatch(d -> d.digest().equals(referrer)),
        list -> {
          List<Descriptor> next = new ArrayList<>(list);
          next.removeIf(d -> d.digest().equals(referrer));
          return next;
        });
  }

  private interface Check {
    boolean done(List<Descriptor> manifests);
  }

  private void update(
      Digest subject, String change, Check done, UnaryOperator<List<Descriptor>> merge)
      throws StoreException {
    String tag = tagFor(subject);
    String action = "update referrers index " + target.location() + ":" + tag + " (" + change + ")";
    synchronized (locks[Math.floorMod(subject.hashCode(), LOCK_STRIPES)]) {
      for (int writes = 0; ; writes++) {
        Optional<Current> current = fetch(tag);
        List<Descriptor> manifests = current.map(Current::manifests).orElse(List.of());
        if (done.done(manifests)) {
          return; // confirmed by a read after our write (or nothing to do)
        }
        if (writes == MAX_WRITES) {
          throw new StoreException(
              Reason.LIMIT_EXCEEDED,
              action
                  + ": concurrent writers kept replacing the index; gave up after "
                  + MAX_WRITES
                  + " writes",
              null);
        }
        if (writes > 0) {
          LOG.debug("{}: lost to a concurrent writer, retrying (write {})", action, writes + 1);
          backOff(writes, action);
        }
        try {
          ManifestPut.put(
              target,
              tag,
              ManifestCodec.writeIndex(merge.apply(manifests)).raw(),
              MediaType.OCI_INDEX,
              current.flatMap(Current::etag));
        } catch (StoreException e) {
          if (e.httpStatus() != 412) {
            throw e;
          }
          LOG.debug("{}: index changed since read (HTTP 412)", action);
        }
      }
    }
  }

  private static void backOff(int attempt, String action) throws StoreException {
    long bound = Math.min(200, 5L << Math.min(attempt, 5));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, action + ": interrupted", e);
    }
  }

  private Optional<Current> fetch(String tag) throws StoreException {
    return fetch(tag, false);
  }

  private Optional<Current> fetch(String tag, boolean ignoreNonIndex) throws StoreException {
    FetchedManifest fetched;
    try {
      fetched = ManifestGet.fetch(target, tag, MediaType.OCI_INDEX.value());
    } catch (StoreException e) {
      // 404: no index yet. 400 (TAG_INVALID): a registry refusing the long legacy tag form.
      if (e.reason() == Reason.NOT_FOUND || e.httpStatus() == 400) {
        return Optional.empty();
      }
      throw e;
    }
    String what = "referrers index " + target.location() + ":" + tag;
    Manifest manifest;
    String problem;
    try {
      manifest = ManifestCodec.parse(fetched.raw(), fetched.contentType());
      if (manifest instanceof ImageIndex index && manifest.mediaType().equals(MediaType.OCI_INDEX)) {
        return Optional.of(new Current(index.manifests(), fetched.etag()));
      }
      problem = "it is a " + manifest.mediaType();
    } catch (InvalidInputException e) {
      problem = e.getMessage();
    }
    if (ignoreNonIndex) {
      LOG.debug("{}: not an OCI image index, ignored ({})", what, problem);
      return Optional.empty();
    }
    throw notAnIndex(what, problem);
  }

  private static StoreException notAnIndex(String what, String problem) {
    return new StoreException(
        Reason.PROTOCOL,
        "read "
            + what
            + ": not an OCI image index, refusing to use or overwrite it ("
            + problem
            + ")",
        null);
  }

  private record Current(List<Descriptor> manifests, Optional<String> etag) {}
}
