package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureImage;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.EvidenceStorage;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.StoredSignature;
import dev.custody.sign.VerificationException;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one signature layer to the legacy signature image at {@code sha256-<hex>.sig} (FORMATS.md
 * §3.1, §3.2), without losing a layer another signer appends at the same time.
 *
 * <p>The tag is a read-modify-write register with no conditional write, so each attempt: reads the
 * tag; stops if an equivalent signature is already there (cosign's duplicate rule); builds the
 * image from every layer seen in the tag during this call plus ours; uploads the payload and
 * config; re-resolves the tag and starts over if it moved meanwhile; puts the manifest with the
 * tag; waits as long as twice that write took (a concurrent write already in flight lands
 * meanwhile); then re-reads the tag and is done only if it holds every layer written. If a
 * concurrent writer replaced it, the layers are merged and written again, at most {@value
 * #MAX_ATTEMPTS} times, after a few random milliseconds. A manifest the registry refuses because a
 * blob looks missing or corrupt is retried the same way: CNCF distribution briefly sees a
 * half-written blob link while another signer uploads the same payload.
 *
 * <p>Threads sharing one scheme (one {@code Custody}) first take a per-tag lock ({@link TagLocks}),
 * so among them no layer is ever lost. The re-read and merge are for writers elsewhere: other
 * processes, other {@code Custody} instances, cosign, skopeo.
 *
 * <p><b>Remaining race.</b> A writer elsewhere that last read the tag before our write landed, and
 * whose own write lands after our confirming re-read (it was delayed, or queued behind other
 * writers, for longer than our settling pause), replaces the tag with a manifest lacking our layer
 * after we have returned; its confirmation cannot notice, since it never saw our layer. Registries
 * offer no compare-and-swap on tags, so the window can be narrowed, not closed; cosign and
 * containers/image write without any re-read. The payload blob stays in the repository, and signing
 * again restores a lost layer.
 */
final class SignatureTagWriter {
  /** Bound on read-merge-write rounds under contention. */
  static final int MAX_ATTEMPTS = 25;

  /** Bound on the pause between our write and the confirming read. */
  static final long MAX_SETTLE_MILLIS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(SignatureTagWriter.class);

  private final ArtifactStore store;
  private final TagLocks locks;

  SignatureTagWriter(ArtifactStore store, TagLocks locks) {
    this.store = requireNonNull(store, "store");
    this.locks = requireNonNull(locks, "locks");
  }

  /**
   * Stores {@code layer} in the signature image of {@code subject}.
   *
   * @param subject the signed manifest's digest
   * @param layer the signature layer
   * @param payload the payload blob the layer describes
   * @param signerKey the signer's public key, to recognise an equivalent signature already stored
   * @return where the signature now is
   * @throws CustodyException if the store fails, the tag holds something other than a signature
   *     image, the image would exceed cosign's layer limit, or the tag keeps changing
   */
  StoredSignature append(
      Digest subject, SignatureLayer layer, Bytes payload, PublicKeyInfo signerKey)
      throws CustodyException {
    String tag = CosignTags.signatureTag(subject);
    store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
    synchronized (locks.forTag(store.location(), tag)) {
      return appendLocked(subject, tag, layer.descriptor(), payload, signerKey);
    }
  }

  private StoredSignature appendLocked(
      Digest subject, String tag, Descriptor ours, Bytes payload, PublicKeyInfo signerKey)
      throws CustodyException {
    String where = store.location() + ":" + tag;
    Set<Descriptor> seen = new LinkedHashSet<>();
    StoreException lastRefusal = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      lastRefusal = null; // after the loop: set only if the last attempt was refused
      if (attempt > 1) {
        backOff(attempt, where);
      }
      Optional<ImageManifest> current = read(tag, where);
      List<Descriptor> currentLayers = current.map(ImageManifest::layers).orElse(List.of());
      if (current.isPresent() && hasEquivalent(currentLayers, ours, payload, signerKey)) {
        LOG.debug("{} already holds this signature", where);
        return stored(subject, tag, current.get().digest());
      }
      seen.addAll(currentLayers);
      List<Descriptor> layers = merge(currentLayers, seen, ours);
      SignatureImage image = SignatureImage.of(layers);
      store.putBlob(MediaType.OCI_CONFIG, image.config());
      if (!current.map(ImageManifest::digest).equals(resolve(tag))) {
        LOG.debug("{} moved while attempt {} was preparing; reading it again", where, attempt);
        continue;
      }
      long started = System.nanoTime();
      try {
        store.putManifest(image.manifest(), tag);
      } catch (StoreException e) {
        if (e.reason() != Reason.DIGEST_MISMATCH && e.reason() != Reason.NOT_FOUND) {
          throw e;
        }
        // CNCF distribution can see a blob's link half-written while another writer uploads the
        // same blob (signers of one digest upload identical payloads): upload again and retry.
        LOG.debug(
            "{}: manifest refused on attempt {} ({}); retrying", where, attempt, e.getMessage());
        lastRefusal = e;
        store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
        continue;
      }
      settle(System.nanoTime() - started, where);
      Optional<ImageManifest> after = read(tag, where);
      if (after.isPresent() && after.get().layers().containsAll(layers)) {
        return stored(subject, tag, after.get().digest());
      }
      LOG.debug("{} lost layers to a concurrent writer after attempt {}; merging", where, attempt);
      seen.addAll(layers);
    }
    if (lastRefusal != null) {
      throw lastRefusal; // the registry kept refusing: that is the error, not contention
    }
    throw new StoreException(
        Reason.LIMIT_EXCEEDED,
        "sign "
            + where
            + ": concurrent writers kept replacing the signature tag; gave up after "
            + MAX_ATTEMPTS
            + " attempts (run sign again)",
        null);
  }

  /**
   * Waits twice as long as our own write took (at most {@link #MAX_SETTLE_MILLIS}) before the
   * confirming read: a writer elsewhere that checked the tag before our write landed has its write
   * in flight for about as long, and it should land before we look rather than after we return.
   */
  private static void settle(long writeNanos, String where) throws StoreException {
    long millis = Math.min(MAX_SETTLE_MILLIS, Math.max(1, 2 * writeNanos / 1_000_000));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "sign " + where + ": interrupted", e);
    }
  }

  /** A short random pause before a retry, so contending writers spread out. */
  private static void backOff(int attempt, String where) throws StoreException {
    long bound = Math.min(100, 2L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "sign " + where + ": interrupted", e);
    }
  }

  /** The tag's layers first, in order; then layers lost from it during this call; then ours. */
  private static List<Descriptor> merge(
      List<Descriptor> current, Set<Descriptor> seen, Descriptor ours) {
    Set<Descriptor> all = new LinkedHashSet<>(current);
    all.addAll(seen);
    all.add(ours);
    return new ArrayList<>(all);
  }

  /**
   * cosign's duplicate rule (FORMATS.md §3.2): the same payload, media type and annotations apart
   * from the signature, and a signature that verifies with the signer's key. An identical
   * descriptor (containers/image's rule) always counts.
   */
  private static boolean hasEquivalent(
      List<Descriptor> layers, Descriptor ours, Bytes payload, PublicKeyInfo signerKey) {
    for (Descriptor existing : layers) {
      if (existing.equals(ours)) {
        return true;
      }
      if (existing.mediaType().equals(ours.mediaType())
          && existing.digest().equals(ours.digest())
          && withoutSignature(existing).equals(withoutSignature(ours))
          && verifies(existing, payload, signerKey)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> withoutSignature(Descriptor layer) {
    Map<String, String> annotations = new HashMap<>(layer.annotations());
    annotations.remove(SignatureLayer.SIGNATURE);
    return annotations;
  }

  private static boolean verifies(Descriptor existing, Bytes payload, PublicKeyInfo key) {
    try {
      BcVerifiers.of(key).verify(payload, SignatureLayer.read(existing).signature());
      return true;
    } catch (KeyException | VerificationException | dev.custody.InvalidInputException e) {
      return false;
    }
  }

  /** {@return the signature image at {@code tag}, or empty if the tag does not exist} */
  private Optional<ImageManifest> read(String tag, String where) throws StoreException {
    Optional<Digest> digest = resolve(tag);
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    Manifest manifest = store.manifest(digest.get());
    if (!(manifest instanceof ImageManifest)) {
      // Like the referrers tag schema (FORMATS.md §2.8): never overwrite what is not ours to edit.
      throw new StoreException(
          Reason.INVALID_INPUT,
          "sign "
              + where
              + ": the tag holds an image index, not a cosign signature image; refusing to"
              + " overwrite it",
          null);
    }
    return Optional.of((ImageManifest) manifest);
  }

  private Optional<Digest> resolve(String tag) throws StoreException {
    try {
      return Optional.of(store.resolve(tag).digest());
    } catch (StoreException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static StoredSignature stored(Digest subject, String tag, Digest manifest) {
    return new StoredSignature(subject, EvidenceStorage.COSIGN_SIG, tag, manifest);
  }
}
