package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.oci.ContentMismatchException;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.internal.registry.endpoint.BlobGet;
import dev.custody.core.internal.registry.endpoint.BlobHead;
import dev.custody.core.internal.registry.endpoint.BlobMount;
import dev.custody.core.internal.registry.endpoint.BlobUpload;
import dev.custody.core.internal.registry.endpoint.FetchedManifest;
import dev.custody.core.internal.registry.endpoint.ManifestDelete;
import dev.custody.core.internal.registry.endpoint.ManifestGet;
import dev.custody.core.internal.registry.endpoint.ManifestHead;
import dev.custody.core.internal.registry.endpoint.ManifestPut;
import dev.custody.core.internal.registry.endpoint.Ping;
import dev.custody.core.internal.registry.endpoint.ReferrersList;
import dev.custody.core.internal.registry.endpoint.TagsList;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ArtifactStore} over one repository of an OCI distribution registry (FORMATS.md §2),
 * speaking HTTP through a caller-supplied {@link OkHttpClient} whose interceptors handle
 * authentication, retries and TLS. Every request is tagged with the least-privilege {@link
 * dev.custody.core.internal.registry.auth.RegistryScope}: pull for reads, pull+push for writes.
 *
 * <p><b>Integrity.</b> Manifests are read whole (at most {@link #MAX_MANIFEST_BYTES}) and their
 * exact bytes checked against {@code Docker-Content-Digest} and the requested digest; blobs stream
 * through a size-then-digest check at end of stream; uploads are checked before the closing PUT.
 *
 * <p><b>Referrers.</b> A manifest with a {@code subject} is pushed as usual; if the registry does
 * not answer {@code OCI-Subject}, the referrers tag schema index is updated as described (with its
 * remaining race) in {@link ReferrersTagIndex}. Listing reads the referrers tag schema index as
 * well as the referrers API, because registries and copied repositories have entries in one and not
 * the other (FORMATS.md §2.7–§2.8); see {@link #referrers(Digest)}. Whether the API exists is
 * remembered for this store.
 *
 * <p>Thread-safe. {@link #close()} does not close the client, which the caller owns and shares.
 */
public final class RegistryStore implements ArtifactStore {
  /** Default chunk size: blobs up to this size go in one PUT, larger ones in chunks of it. */
  public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

  /** Default bound on tag-list pages followed. */
  public static final int DEFAULT_MAX_TAG_PAGES = 1000;

  /** Sessions tried for an in-memory upload before giving up. */
  static final int UPLOAD_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);

  /** How often a manifest PUT answered {@code DIGEST_INVALID} is tried in all (a registry race). */
  static final int MAX_DIGEST_INVALID_ATTEMPTS = 5;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private enum ReferrersApi {
    UNKNOWN,
    SUPPORTED,
    UNSUPPORTED
  }

  private final RegistryTarget target;
  private final ReferrersTagIndex fallback;
  private final int chunkSize;
  private final OptionalInt tagsPageSize;
  private final int maxTagPages;
  private volatile ReferrersApi referrersApi = ReferrersApi.UNKNOWN;

  /**
   * Opens a store with default settings.
   *
   * @param client the shared HTTP client (auth, retries and TLS in its interceptors)
   * @param baseUrl {@code https://host[:port]}; {@code http://} only for a loopback host
   * @param repository the repository path, e.g. {@code team/app}
   */
  public RegistryStore(OkHttpClient client, String baseUrl, String repository) {
    this(
        client,
        baseUrl,
        repository,
        DEFAULT_CHUNK_SIZE,
        OptionalInt.empty(),
        DEFAULT_MAX_TAG_PAGES,
        false);
  }

  /**
   * Opens a store.
   *
   * @param client the shared HTTP client
   * @param baseUrl {@code https://host[:port]}; {@code http://} only for a loopback host
   * @param repository the repository path
   * @param chunkSize upload chunk size in bytes (at least 1); blobs up to it go in one PUT
   * @param tagsPageSize the {@code n} sent when listing tags, or empty to let the registry choose
   * @param maxTagPages the most tag pages followed before {@link Reason#LIMIT_EXCEEDED}
   */
  public RegistryStore(
      OkHttpClient client,
      String baseUrl,
      String repository,
      int chunkSize,
      OptionalInt tagsPageSize,
      int maxTagPages) {
    this(client, baseUrl, repository, chunkSize, tagsPageSize, maxTagPages, false);
  }

  /**
   * Opens a store, possibly over plain HTTP to a registry the user explicitly allowed.
   *
   * @param client the shared HTTP client
   * @param baseUrl {@code https://host[:port]}, or {@code http://} for loopback or when allowed
   * @param repository the repository path
   * @param chunkSize upload chunk size in bytes (at least 1); blobs up to it go in one PUT
   * @param tagsPageSize the {@code n} sent when listing tags, or empty to let the registry choose
   * @param maxTagPages the most tag pages followed before {@link Reason#LIMIT_EXCEEDED}
   * @param allowPlainHttp whether plain HTTP to a non-loopback host was explicitly allowed
   */
  public RegistryStore(
      OkHttpClient client,
      String baseUrl,
      String repository,
      int chunkSize,
      OptionalInt tagsPageSize,
      int maxTagPages,
      boolean allowPlainHttp) {
    this.target = new RegistryTarget(client, baseUrl, repository, allowPlainHttp);
    if (chunkSize < 1 || maxTagPages < 1) {
      throw new IllegalArgumentException("chunkSize and maxTagPages must be positive");
    }
    tagsPageSize.ifPresent(
        n -> {
          if (n < 1) {
            throw new IllegalArgumentException("tagsPageSize must be positive, got " + n);
          }
        });
    this.fallback = new ReferrersTagIndex(target);
    this.chunkSize = chunkSize;
    this.tagsPageSize = tagsPageSize;
    this.maxTagPages = maxTagPages;
  }

  /** {@return the repository path on the registry} */
  public String repository() {
    return target.repository();
  }

  /** {@return the registry base URL} */
  public HttpUrl baseUrl() {
    return target.base();
  }

  @Override
  public String location() {
    return target.location();
  }

  /**
   * Checks that the registry answers the distribution API ({@code GET /v2/}) with our credentials.
   *
   * @throws StoreException if unreachable or refused
   */
  public void ping() throws StoreException {
    Ping.ping(target);
  }

  @Override
  public Descriptor resolve(String tagOrDigest) throws StoreException {
    String reference = checkReference(tagOrDigest);
    Optional<Descriptor> head = ManifestHead.head(target, reference);
    if (head.isPresent()) {
      return head.get();
    }
    // The registry did not say enough in headers: fetch and digest the bytes ourselves.
    FetchedManifest fetched = ManifestGet.fetch(target, reference, RegistryHeaders.MANIFEST_ACCEPT);
    Manifest manifest = parse(fetched, "resolve " + target.location() + " " + reference);
    return Descriptor.of(manifest.mediaType(), fetched.digest(), fetched.raw().size());
  }

  @Override
  public Manifest manifest(Digest digest) throws StoreException {
    requireNonNull(digest, "digest");
    FetchedManifest fetched =
        ManifestGet.fetch(target, digest.toString(), RegistryHeaders.MANIFEST_ACCEPT);
    return parse(fetched, "pull manifest " + target.location() + "@" + digest);
  }

  @Override
  public Descriptor putManifest(Manifest manifest) throws StoreException {
    requireNonNull(manifest, "manifest");
    return push(manifest, manifest.digest().toString());
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) throws StoreException {
    requireNonNull(manifest, "manifest");
    requireNonNull(tag, "tag");
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "invalid tag \""
              + RegistryErrors.shorten(tag)
              + "\": expected [A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    }
    return push(manifest, tag);
  }

  private Descriptor push(Manifest manifest, String reference) throws StoreException {
    ManifestPut.Result result = putWithRaceRetry(manifest, reference);
    Optional<Descriptor> subject = manifest.subject();
    if (subject.isPresent()) {
      if (result.ociSubject().isPresent()) {
        referrersApi = ReferrersApi.SUPPORTED;
      } else {
        // distribution-spec "Pushing Manifests with Subject": no OCI-Subject, so the client
        // MUST maintain the referrers tag itself.
        fallback.add(subject.get().digest(), manifest.descriptor());
      }
    }
    return manifest.descriptor();
  }

  /**
   * PUTs a manifest, retrying a bounded number of times when the registry answers
   * {@code DIGEST_INVALID}. We hash the exact bytes we send, so that answer cannot be about our
   * body: CNCF distribution 2.8 gives it when another client is uploading a blob this manifest
   * references at the same moment (seen with concurrent signers sharing a config blob).
   */
  private ManifestPut.Result putWithRaceRetry(Manifest manifest, String reference)
      throws StoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        return ManifestPut.put(
            target, reference, manifest.raw(), manifest.mediaType(), Optional.empty());
      } catch (StoreException e) {
        if (attempt >= MAX_DIGEST_INVALID_ATTEMPTS
            || e.httpStatus() != 400
            || !e.errorCode().equals("DIGEST_INVALID")) {
          throw e;
        }
        LOG.debug("push manifest {}: registry race (DIGEST_INVALID), attempt {}", reference, attempt);
        pauseBriefly(attempt);
      }
    }
  }

  private static void pauseBriefly(int attempt) throws StoreException {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, "push manifest: interrupted", e);
    }
  }

  @Override
  public boolean hasBlob(Digest digest) throws StoreException {
    return BlobHead.exists(target, requireNonNull(digest, "digest"));
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) throws StoreException {
    return BlobGet.open(target, requireNonNull(descriptor, "descriptor"));
  }

  @Override
  public void readBlob(Descriptor descriptor, OutputStream out) throws StoreException {
    requireNonNull(out, "out");
    try (InputStream in = openBlob(descriptor)) {
      in.transferTo(out);
    } catch (ContentMismatchException e) {
      throw new StoreException(
          Reason.DIGEST_MISMATCH,
          "pull blob " + target.location() + "@" + descriptor.digest() + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new StoreException(
          Reason.IO,
          "pull blob " + target.location() + "@" + descriptor.digest() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public Bytes readBlob(Descriptor descriptor, int maxBytes) throws StoreException {
    requireNonNull(descriptor, "descriptor");
    if (descriptor.size() > maxBytes) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          "pull blob "
              + target.location()
              + "@"
              + descriptor.digest()
              + ": too large (expected at most "
              + maxBytes
              + " bytes, descriptor says "
              + descriptor.size()
              + ")",
          null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) descriptor.size());
    readBlob(descriptor, out);
    return Bytes.of(out.toByteArray());
  }

  @Override
  public void putBlob(Descriptor descriptor, InputStream content) throws StoreException {
    requireNonNull(descriptor, "descriptor");
    requireNonNull(content, "content");
    String action = "push blob " + target.location() + "@" + descriptor.digest();
    upload(BlobUpload.start(target, action), descriptor, content, action);
  }

  private void upload(
      BlobUpload.Session session, Descriptor descriptor, InputStream content, String action)
      throws StoreException {
    if (descriptor.size() <= chunkSize) {
      Bytes bytes;
      try {
        // One more byte than declared, so overlong content is noticed.
        bytes = Bytes.of(content.readNBytes((int) descriptor.size() + 1));
      } catch (IOException e) {
        BlobUpload.cancel(target, session.location());
        Reason reason = e instanceof ContentMismatchException ? Reason.DIGEST_MISMATCH : Reason.IO;
        throw new StoreException(
            reason, action + ": reading the content failed: " + e.getMessage(), e);
      }
      // The bytes are in memory, so a session that failed in transit (connection, 5xx) can be
      // restarted from a fresh POST; the retry layer cannot repeat a session step itself.
      for (int attempt = 1; ; attempt++) {
        try {
          BlobUpload.monolithic(target, session, descriptor, bytes);
          return;
        } catch (StoreException e) {
          if (e.reason() != Reason.IO || attempt >= UPLOAD_ATTEMPTS) {
            throw e;
          }
          LOG.debug("{}: upload failed ({}), restarting the session", action, e.getMessage());
          session = BlobUpload.start(target, action);
        }
      }
    } else {
      BlobUpload.chunked(target, session, descriptor, content, chunkSize);
    }
  }

  /** Opens the content of a blob, for an upload that a declined mount turns into. */
  @FunctionalInterface
  public interface BlobSource {
    /** {@return a fresh stream over the blob; the caller closes it} */
    InputStream open() throws StoreException;
  }

  /**
   * Mounts a blob from another repository of the same registry, or uploads it from {@code source}
   * when the registry declines the mount (HTTP 202).
   *
   * @param descriptor the blob
   * @param fromRepository the repository that has it, on this registry
   * @param source where the content comes from if the mount is declined
   * @return true if mounted, false if uploaded
   * @throws StoreException if both fail
   */
  public boolean mountOrUpload(Descriptor descriptor, String fromRepository, BlobSource source)
      throws StoreException {
    requireNonNull(descriptor, "descriptor");
    requireNonNull(fromRepository, "fromRepository");
    requireNonNull(source, "source");
    Optional<HttpUrl> session = BlobMount.mount(target, descriptor.digest(), fromRepository);
    if (session.isEmpty()) {
      return true;
    }
    String action = "push blob " + target.location() + "@" + descriptor.digest();
    try (InputStream in = source.open()) {
      upload(new BlobUpload.Session(session.get(), 0), descriptor, in, action);
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": closing the source failed: " + e, e);
    }
    return false;
  }

  @Override
  public List<String> tags() throws StoreException {
    return TagsList.list(target, tagsPageSize, maxTagPages);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Referrers are found in two places (FORMATS.md §2.7–§2.8): the referrers API, when the
   * registry has it, and the referrers tag schema index, the image index tagged {@code <alg>-<hex>}
   * after the subject. Both are read and merged, API entries first, each manifest digest listed once:
   * a registry may have gained the API after clients wrote tag indexes, and copying tools carry the
   * tag along. On a registry with the API, a missing tag is normal and a tag holding something
   * other than an OCI image index is ignored (logged at debug level); without the API, such a tag
   * is an error, as the tag is then the only listing.
   *
   * <p><b>Cost.</b> With the API, a listing costs its pages plus one GET of the tag (a second GET
   * of the untruncated legacy tag form only for a digest longer than 64 hex characters whose spec
   * tag is absent). A repository the registry does not know ({@code NAME_UNKNOWN}) costs one request
   * and lists nothing.
   *
   * <p><b>Bounds.</b> At most {@link ReferrersList#MAX_PAGES} API pages of at most 4 MiB each, a
   * tag index of at most {@link ArtifactStore#MAX_MANIFEST_BYTES}, and at most {@link
   * ReferrersList#MAX_REFERRERS} distinct referrers in the merged listing; beyond that {@link
   * Reason#LIMIT_EXCEEDED}.
   */
  @Override
  public List<Descriptor> referrers(Digest subject) throws StoreException {
    return referrers(requireNonNull(subject, "subject"), Optional.empty());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Listed as {@link #referrers(Digest)} describes; the registry may filter its API listing,
   * entries it did not filter and tag index entries are filtered here by their {@code
   * artifactType}.
   */
  @Override
  public List<Descriptor> referrers(Digest subject, MediaType artifactType) throws StoreException {
    return referrers(
        requireNonNull(subject, "subject"),
        Optional.of(requireNonNull(artifactType, "artifactType")));
  }

  private List<Descriptor> referrers(Digest subject, Optional<MediaType> artifactType)
      throws StoreException {
    String action = "list referrers of " + target.location() + "@" + subject;
    if (referrersApi != ReferrersApi.UNSUPPORTED) {
      ReferrersList.Listing listing = ReferrersList.list(target, subject, artifactType);
      switch (listing.support()) {
        case SUPPORTED:
          referrersApi = ReferrersApi.SUPPORTED;
          // One more round trip: the tag index may list referrers the API does not (§2.8).
          return ReferrersMerge.merge(
              listing.referrers(), fallback.readBesideApi(subject), artifactType, action);
        case UNKNOWN:
          return List.of(); // no such repository: nothing refers to anything in it
        default:
          referrersApi = ReferrersApi.UNSUPPORTED;
      }
    }
    return ReferrersMerge.merge(List.of(), fallback.read(subject), artifactType, action);
  }

  @Override
  public void deleteManifest(Digest digest) throws StoreException {
    requireNonNull(digest, "digest");
    Optional<Descriptor> subject = Optional.empty();
    if (referrersApi != ReferrersApi.SUPPORTED) {
      // Learn the subject first: the spec asks us to drop the entry from the fallback index.
      subject = manifest(digest).subject();
    }
    ManifestDelete.delete(target, digest);
    if (subject.isPresent()) {
      fallback.remove(subject.get().digest(), digest);
    }
  }

  /** The client is shared and owned by the caller; nothing to release here. */
  @Override
  public void close() {}

  private Manifest parse(FetchedManifest fetched, String action) throws StoreException {
    try {
      return ManifestCodec.parse(fetched.raw(), fetched.contentType());
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e);
    }
  }

  private static String checkReference(String tagOrDigest) {
    requireNonNull(tagOrDigest, "tagOrDigest");
    if (Digest.tryParse(tagOrDigest).isEmpty() && !TAG.matcher(tagOrDigest).matches()) {
      throw new IllegalArgumentException(
          "invalid tag or digest \"" + RegistryErrors.shorten(tagOrDigest) + "\"");
    }
    return tagOrDigest;
  }

  @Override
  public String toString() {
    return "RegistryStore[" + location() + "]";
  }
}
