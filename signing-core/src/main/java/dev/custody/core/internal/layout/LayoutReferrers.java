package dev.custody.core.internal.layout;

import dev.custody.CustodyException.Reason;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the manifests in a layout whose {@code subject} is a given digest: first those listed in
 * {@code index.json} (ORAS, notation, Custody), then every manifest-sized blob (cosign stores
 * referrers only as blobs; FORMATS.md §7.2). Results carry the referrers-API descriptor
 * (artifact type, else config media type; annotations). Unreadable or corrupt candidates are
 * skipped with a warning: they cannot be evidence of anything.
 */
final class LayoutReferrers {
  private static final Logger LOG = LoggerFactory.getLogger(LayoutReferrers.class);
  /** Bound on the listing, like a registry's page limits. */
  static final int MAX_REFERRERS = 10_000;

  private final LayoutStore store;
  private final String action;
  private final Map<Digest, Descriptor> found = new LinkedHashMap<>();

  LayoutReferrers(LayoutStore store, String action) {
    this.store = store;
    this.action = action;
  }

  List<Descriptor> find(List<Descriptor> entries, Digest subject) throws StoreException {
    Set<Digest> seen = new HashSet<>();
    for (Descriptor entry : entries) {
      if (entry.mediaType().isManifest() && seen.add(entry.digest())) {
        read(entry.digest(), true).ifPresent(m -> consider(m, subject));
      }
    }
    byte[] needle = subject.toString().getBytes(StandardCharsets.US_ASCII);
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      for (Digest blob : blobsOf(algorithm)) {
        if (!seen.contains(blob) && mentions(blob, needle)) {
          read(blob, false).ifPresent(m -> consider(m, subject));
        }
      }
    }
    return List.copyOf(found.values());
  }

  private void consider(Manifest manifest, Digest subject) {
    if (manifest.subject().filter(s -> s.digest().equals(subject)).isPresent()) {
      found.putIfAbsent(manifest.digest(), manifest.descriptor());
    }
  }

  /**
   * Reads a candidate. Blobs found by scanning are often not manifests at all (a signature
   * payload names its subject too), so only listed entries and corrupt content earn a warning.
   */
  private Optional<Manifest> read(Digest digest, boolean listed) throws StoreException {
    if (found.size() >= MAX_REFERRERS) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED, action + ": more than " + MAX_REFERRERS + " referrers", null);
    }
    try {
      return Optional.of(store.manifest(digest));
    } catch (StoreException e) {
      if (e.reason() == Reason.IO) {
        throw e;
      }
      if (listed || e.reason() == Reason.DIGEST_MISMATCH) {
        LOG.warn("skipping {} while listing referrers: {}", digest, e.getMessage());
      } else {
        LOG.debug("blob {} is not a readable manifest: {}", digest, e.getMessage());
      }
      return Optional.empty();
    }
  }

  /** Blob file names that are valid digests, sorted; temporary files and others are ignored. */
  private List<Digest> blobsOf(DigestAlgorithm algorithm) throws StoreException {
    Path dir = store.blobDirectory(algorithm);
    List<Digest> digests = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return digests;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Digest.tryParse(algorithm.id() + ":" + file.getFileName()).ifPresent(digests::add);
      }
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": cannot list " + dir + ": " + e, e);
    }
    digests.sort((a, b) -> a.hex().compareTo(b.hex()));
    return digests;
  }

  /**
   * A cheap filter before parsing: a referrer's bytes contain the subject digest verbatim, and a
   * manifest is small. Layers and other large blobs are skipped by size without being opened.
   */
  private boolean mentions(Digest blob, byte[] needle) throws StoreException {
    Path file = store.blobPath(blob);
    try {
      // A layout may come from anyone (an extracted tar): a FIFO would block, a symlink to a
      // device would never end. Only regular files are candidates, and reads stay bounded.
      if (!Files.isRegularFile(file) || Files.size(file) > ArtifactStore.MAX_MANIFEST_BYTES) {
        return false;
      }
      byte[] content;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        // Bounded again while reading: the size above may be stale by now.
        content = in.readNBytes(ArtifactStore.MAX_MANIFEST_BYTES + 1);
      }
      if (content.length > ArtifactStore.MAX_MANIFEST_BYTES) {
        return false;
      }
      return startsLikeJsonObject(content) && indexOf(content, needle) >= 0;
    } catch (IOException e) {
      LOG.warn("skipping blob {} while listing referrers: {}", blob, e.toString());
      return false;
    }
  }

  private static boolean startsLikeJsonObject(byte[] content) {
    for (byte b : content) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
