package dev.custody.core.internal.layout;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.oci.BlobStreams;
import dev.custody.core.internal.oci.BoundedReads;
import dev.custody.core.internal.oci.ContentMismatchException;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.internal.oci.VerifyingInputStream;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An {@link ArtifactStore} over an OCI image layout directory (FORMATS.md §7).
 *
 * <p>Tags are {@code org.opencontainers.image.ref.name} annotations in {@code index.json}. Every
 * manifest written is listed in {@code index.json}: tagged ones with the ref name, others (such
 * as referrers) without it and with their {@code artifactType} copied, as ORAS and notation list
 * them. Referrers are found by scanning the manifests listed in
 * {@code index.json} and also every manifest blob, because cosign writes referrers only as blobs.
 *
 * <p>Blob and {@code index.json} writes are atomic, and edits of {@code index.json} are
 * serialised across threads and processes by {@link LayoutLock}. {@code putBlob} does not read
 * its stream when a blob of the right size is already present (content is addressed by digest,
 * and reads verify it anyway). Thread-safe.
 */
public final class LayoutStore implements ArtifactStore {
  static final String HEADER = "oci-layout";
  static final String INDEX = "index.json";
  static final String BLOBS = "blobs";
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final Bytes HEADER_CONTENT = Bytes.utf8("{\"imageLayoutVersion\":\"1.0.0\"}");
  /** ref.name grammar (image-spec annotations.md; FORMATS.md §1.6). */
  private static final Pattern REF_NAME =
      Pattern.compile(
          "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

  private final Path root;
  private final String location;
  private volatile boolean closed;

  private LayoutStore(Path root) {
    this.root = root;
    this.location = "oci:" + root;
  }

  /**
   * Opens the layout in {@code directory}.
   *
   * @param directory the layout directory
   * @param create whether to create a missing layout (the directory may be missing or empty)
   * @return the open store
   * @throws StoreException if the directory is not a layout (and {@code create} is false, or it is
   *     not empty), its {@code oci-layout} version is unsupported, or the file system fails
   */
  public static LayoutStore open(Path directory, boolean create) throws StoreException {
    requireNonNull(directory, "directory");
    Path dir = directory.toAbsolutePath().normalize();
    String where = "oci:" + dir;
    try {
      if (!Files.exists(dir)) {
        if (!create) {
          throw new StoreException(Reason.NOT_FOUND, "open " + where + ": no such directory", null);
        }
        Files.createDirectories(dir);
      }
      if (!Files.isDirectory(dir)) {
        throw new StoreException(Reason.INVALID_INPUT, "open " + where + ": not a directory", null);
      }
      Path real = dir.toRealPath();
      LayoutStore store = new LayoutStore(real);
      if (!Files.exists(real.resolve(HEADER)) || !Files.exists(real.resolve(INDEX))) {
        if (!create) {
          throw new StoreException(
              Reason.INVALID_INPUT,
              "open " + where + ": not an OCI image layout (oci-layout or index.json is missing)",
              null);
        }
        LayoutLock.<Void, StoreException>locked(real, () -> store.initialise(where));
      }
      store.checkHeader();
      return store;
    } catch (IOException e) {
      throw new StoreException(Reason.IO, "open " + where + ": " + e, e);
    }
  }

  /** Creates the layout files; runs under the lock so concurrent creators agree. */
  private Void initialise(String where) throws StoreException, IOException {
    Path header = root.resolve(HEADER);
    if (!Files.exists(header)) {
      try (var entries = Files.list(root)) {
        List<String> others =
            entries
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(LayoutLock.LOCK_FILE))
                .collect(Collectors.toList());
        if (!others.isEmpty()) {
          throw new StoreException(
              Reason.INVALID_INPUT,
              "create layout " + where + ": the directory is not empty and has no oci-layout file",
              null);
        }
      }
    }
    Files.createDirectories(root.resolve(BLOBS).resolve("sha256"));
    if (!Files.exists(root.resolve(INDEX))) {
      AtomicFiles.replace(root.resolve(INDEX), LayoutIndex.empty().toBytes());
    }
    if (!Files.exists(header)) {
      // Written last: a directory with oci-layout is a complete layout.
      AtomicFiles.replace(header, HEADER_CONTENT);
    }
    return null;
  }

  private void checkHeader() throws StoreException, IOException {
    Bytes raw;
    try (InputStream in = Files.newInputStream(root.resolve(HEADER))) {
      raw = BoundedReads.read(in, OptionalLong.empty(), MAX_HEADER_BYTES, location + "/" + HEADER);
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), "open " + location + ": " + e.getMessage(), e);
    }
    try {
      var version = dev.custody.core.internal.json.Json.read(raw, HEADER).path("imageLayoutVersion");
      if (!version.isTextual() || !version.textValue().startsWith("1.")) {
        throw new StoreException(
            Reason.UNSUPPORTED,
            "open " + location + ": unsupported imageLayoutVersion (expected 1.x, got "
                + shorten(version.toString()) + ")",
            null);
      }
    } catch (InvalidInputException e) {
      throw new StoreException(Reason.INVALID_INPUT, "open " + location + ": " + e.getMessage(), e);
    }
  }

  /** {@return the layout directory (absolute, real path)} */
  public Path directory() {
    return root;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Descriptor resolve(String tagOrDigest) throws StoreException {
    requireNonNull(tagOrDigest, "tagOrDigest");
    ensureOpen();
    String subject = tagOrDigest.isEmpty() ? location : location + refSuffix(tagOrDigest);
    List<Descriptor> entries = readIndex("resolve " + subject).entries();
    if (tagOrDigest.isEmpty()) {
      if (entries.size() == 1) {
        return entries.get(0);
      }
      throw new StoreException(
          entries.isEmpty() ? Reason.NOT_FOUND : Reason.INVALID_INPUT,
          "resolve " + subject + ": index.json lists " + entries.size()
              + " manifests (expected exactly 1 when no tag or digest is given; name one with :TAG or @DIGEST)",
          null);
    }
    Optional<Digest> digest = Digest.tryParse(tagOrDigest);
    if (digest.isPresent()) {
      for (Descriptor entry : entries) {
        if (entry.digest().equals(digest.get())) {
          return entry;
        }
      }
      // A manifest stored only as a blob (cosign's referrers) is still addressable by digest.
      return manifest(digest.get()).descriptor();
    }
    List<Descriptor> tagged =
        entries.stream()
            .filter(d -> d.annotation(LayoutIndex.REF_NAME).filter(tagOrDigest::equals).isPresent())
            .collect(Collectors.toList());
    if (tagged.size() == 1) {
      return tagged.get(0);
    }
    if (tagged.isEmpty()) {
      throw new StoreException(
          Reason.NOT_FOUND, "resolve " + subject + ": no manifest has this tag in index.json", null);
    }
    throw new StoreException(
        Reason.INVALID_INPUT,
        "resolve " + subject + ": index.json names " + tagged.size() + " manifests with this tag (expected 1)",
        null);
  }

  @Override
  public Manifest manifest(Digest digest) throws StoreException {
    requireNonNull(digest, "digest");
    ensureOpen();
    String action = "get manifest " + location + "@" + digest;
    Bytes raw = readManifestBytes(digest, action);
    try {
      return ManifestCodec.parse(raw, Optional.empty());
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e);
    }
  }

  /** Reads a manifest blob under the manifest bound and checks its digest. */
  Bytes readManifestBytes(Digest digest, String action) throws StoreException {
    Path path = blobPath(digest);
    try (InputStream in = Files.newInputStream(path)) {
      long size = Files.size(path);
      Bytes raw = BoundedReads.readManifest(in, OptionalLong.of(size), "blob file");
      Digest actual = Digest.of(digest.algorithm(), raw);
      if (!actual.equals(digest)) {
        throw new StoreException(
            Reason.DIGEST_MISMATCH,
            action + ": content does not match its digest (expected " + digest + ", got " + actual + ")",
            null);
      }
      return raw;
    } catch (NoSuchFileException e) {
      throw new StoreException(Reason.NOT_FOUND, action + ": no such manifest in the layout", e);
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public Descriptor putManifest(Manifest manifest) throws StoreException {
    return putManifest(manifest, Optional.empty());
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) throws StoreException {
    requireNonNull(tag, "tag");
    if (!REF_NAME.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "invalid layout tag \"" + shorten(tag) + "\": expected a reference name such as v1.0");
    }
    return putManifest(manifest, Optional.of(tag));
  }

  private Descriptor putManifest(Manifest manifest, Optional<String> tag) throws StoreException {
    requireNonNull(manifest, "manifest");
    ensureOpen();
    String action =
        "put manifest " + location + tag.map(t -> ":" + t).orElse("@" + manifest.digest());
    putBlob(Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.raw().size()),
        manifest.raw().openStream());
    Descriptor entry = indexEntry(manifest);
    editIndex(action, index -> index.add(entry, tag));
    return manifest.descriptor();
  }

  /**
   * The index.json entry: media type, digest, size and the manifest's own {@code artifactType}
   * (FORMATS.md §7.3). Annotations are not copied: a manifest's own ref.name annotation must not
   * become a tag of the layout, and referrer listings read the manifests anyway.
   */
  private static Descriptor indexEntry(Manifest manifest) {
    Descriptor.Builder b =
        Descriptor.builder(manifest.mediaType(), manifest.digest(), manifest.raw().size());
    manifest.artifactType().ifPresent(b::artifactType);
    return b.build();
  }

  @Override
  public boolean hasBlob(Digest digest) throws StoreException {
    requireNonNull(digest, "digest");
    ensureOpen();
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) throws StoreException {
    requireNonNull(descriptor, "descriptor");
    ensureOpen();
    String action = "open blob " + location + "@" + descriptor.digest();
    try {
      return new VerifyingInputStream(Files.newInputStream(blobPath(descriptor.digest())), descriptor);
    } catch (NoSuchFileException e) {
      throw new StoreException(Reason.NOT_FOUND, action + ": no such blob in the layout", e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public void readBlob(Descriptor descriptor, OutputStream out) throws StoreException {
    requireNonNull(out, "out");
    String action = "read blob " + location + "@" + descriptor.digest();
    try (InputStream in = openBlob(descriptor)) {
      BlobStreams.copyVerified(in, descriptor, out);
    } catch (ContentMismatchException e) {
      throw new StoreException(Reason.DIGEST_MISMATCH, action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public Bytes readBlob(Descriptor descriptor, int maxBytes) throws StoreException {
    requireNonNull(descriptor, "descriptor");
    String action = "read blob " + location + "@" + descriptor.digest();
    if (descriptor.size() > maxBytes) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          action + ": too large (expected at most " + maxBytes + " bytes, got " + descriptor.size() + ")",
          null);
    }
    try (InputStream in = openBlob(descriptor)) {
      return BlobStreams.readVerified(in, descriptor);
    } catch (ContentMismatchException e) {
      throw new StoreException(Reason.DIGEST_MISMATCH, action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public void putBlob(Descriptor descriptor, InputStream content) throws StoreException {
    requireNonNull(descriptor, "descriptor");
    requireNonNull(content, "content");
    ensureOpen();
    String action = "put blob " + location + "@" + descriptor.digest();
    Path target = blobPath(descriptor.digest());
    try {
      if (Files.isRegularFile(target) && Files.size(target) == descriptor.size()) {
        return;
      }
      Files.createDirectories(target.getParent());
      AtomicFiles.writeVerified(target, content, descriptor);
    } catch (ContentMismatchException e) {
      throw new StoreException(Reason.DIGEST_MISMATCH, action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public List<String> tags() throws StoreException {
    ensureOpen();
    return readIndex("list tags " + location).refNames();
  }

  @Override
  public List<Descriptor> referrers(Digest subject) throws StoreException {
    requireNonNull(subject, "subject");
    ensureOpen();
    String action = "list referrers " + location + "@" + subject;
    return new LayoutReferrers(this, action).find(readIndex(action).entries(), subject);
  }

  @Override
  public void deleteManifest(Digest digest) throws StoreException {
    requireNonNull(digest, "digest");
    ensureOpen();
    String action = "delete manifest " + location + "@" + digest;
    Path blob = blobPath(digest);
    editIndex(
        action,
        index -> {
          int removed = index.remove(digest);
          if (removed == 0 && !Files.exists(blob)) {
            throw new StoreException(Reason.NOT_FOUND, action + ": no such manifest in the layout", null);
          }
          // The blob goes first: a crash in between leaves an entry that fails to read, which is
          // reported, rather than a stray manifest that is silently still listed as a referrer.
          Files.deleteIfExists(blob);
          return removed > 0;
        });
  }

  /**
   * Records an annotation on the {@code index.json} entries of a manifest the layout lists (what
   * {@code custody export} uses to note the source repository). Other entries and unknown fields
   * are kept.
   *
   * @param digest the manifest digest
   * @param key the annotation key; not the ref name (a tag)
   * @param value the value
   * @throws StoreException if index.json lists no entry of {@code digest}, or the edit fails
   */
  public void annotate(Digest digest, String key, String value) throws StoreException {
    requireNonNull(digest, "digest");
    ensureOpen();
    String action = "annotate " + location + "@" + digest;
    editIndex(
        action,
        index -> {
          if (index.entries().stream().noneMatch(d -> d.digest().equals(digest))) {
            throw new StoreException(
                Reason.NOT_FOUND, action + ": index.json lists no such manifest", null);
          }
          return index.annotate(digest, key, value);
        });
  }

  /** A change to index.json; returns whether it changed anything. */
  private interface IndexEdit {
    boolean apply(LayoutIndex index) throws CustodyException, IOException;
  }

  /** Read-modify-write of index.json under the layout lock, replacing the file atomically. */
  private void editIndex(String action, IndexEdit edit) throws StoreException {
    try {
      LayoutLock.<Void, CustodyException>locked(
          root,
          () -> {
            LayoutIndex index = readIndex(action);
            if (edit.apply(index)) {
              AtomicFiles.replace(root.resolve(INDEX), index.toBytes());
            }
            return null;
          });
    } catch (StoreException e) {
      throw e;
    } catch (CustodyException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": " + e, e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Reads {@code index.json}; unlocked readers are safe because writers replace it atomically. */
  LayoutIndex readIndex(String action) throws StoreException {
    Path path = root.resolve(INDEX);
    try (InputStream in = Files.newInputStream(path)) {
      Bytes raw =
          BoundedReads.read(in, OptionalLong.of(Files.size(path)), LayoutIndex.MAX_INDEX_BYTES, INDEX);
      return LayoutIndex.parse(raw, location + "/" + INDEX);
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": cannot read index.json: " + e, e);
    }
  }

  Path blobPath(Digest digest) {
    return blobDirectory(digest.algorithm()).resolve(digest.hex());
  }

  Path blobDirectory(dev.custody.oci.DigestAlgorithm algorithm) {
    return root.resolve(BLOBS).resolve(algorithm.id());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("store " + location + " is closed");
    }
  }

  private static String refSuffix(String tagOrDigest) {
    return (Digest.tryParse(tagOrDigest).isPresent() ? "@" : ":") + shorten(tagOrDigest);
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  @Override
  public String toString() {
    return "LayoutStore[" + location + "]";
  }
}
