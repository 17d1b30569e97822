package dev.custody.store;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One repository of content-addressed manifests and blobs: a repository in an OCI registry, or
 * an OCI image layout directory. Every Custody feature reads and writes through this interface,
 * so signing, verification, copy and export work the same online and offline.
 *
 * <p><b>Integrity.</b> Content is addressed by digest. Every read checks the size and then the
 * digest of the exact bytes before handing them out (streams check at end of stream), and every
 * write checks them before the content becomes visible. A mismatch is a {@link StoreException}
 * with {@link dev.custody.CustodyException.Reason#DIGEST_MISMATCH} naming both digests.
 *
 * <p><b>Bounds.</b> Manifests larger than {@link #MAX_MANIFEST_BYTES} are refused before they are
 * read whole; listings are bounded too.
 *
 * <p>Implementations are thread-safe. Closing the store releases its resources (connections,
 * locks); a closed store must not be used.
 */
public interface ArtifactStore extends Closeable {
  /** The largest manifest Custody reads: 4 MiB, as the distribution spec suggests registries accept. */
  int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** {@return where this store lives, e.g. {@code registry.example.com/team/app} or {@code oci:/tmp/layout}} */
  String location();

  /**
   * Resolves a tag or digest to the descriptor of the manifest it names. Resolve a tag once and
   * work by digest from then on: a tag may move between two calls.
   *
   * @param tagOrDigest a tag, or a digest string; for a layout, empty means its only manifest
   * @return the manifest's descriptor (media type, digest, size)
   * @throws StoreException if it does not exist or the store fails
   */
  Descriptor resolve(String tagOrDigest) throws StoreException;

  /**
   * Fetches a manifest by digest and checks its bytes against the digest.
   *
   * @param digest the manifest digest
   * @return the parsed manifest with its exact bytes
   * @throws StoreException if missing, too large, not matching the digest, or not a manifest
   */
  Manifest manifest(Digest digest) throws StoreException;

  /**
   * Stores a manifest under its digest. The blobs it references (except its {@code subject})
   * should already be present.
   *
   * @param manifest the manifest
   * @return its descriptor
   * @throws StoreException if the store refuses it
   */
  Descriptor putManifest(Manifest manifest) throws StoreException;

  /**
   * Stores a manifest and points {@code tag} at it.
   *
   * @param manifest the manifest
   * @param tag the tag to set or move
   * @return its descriptor
   * @throws StoreException if the store refuses it
   */
  Descriptor putManifest(Manifest manifest, String tag) throws StoreException;

  /**
   * {@return whether a blob with this digest is present}
   *
   * @param digest the blob digest
   * @throws StoreException if the store fails to answer
   */
  boolean hasBlob(Digest digest) throws StoreException;

  /**
   * Opens a blob for streaming. The stream checks the size and digest as it is read and throws an
   * {@link java.io.IOException} naming both digests at end of stream when they do not match; a
   * caller must read to the end before trusting the content. The caller closes the stream.
   *
   * @param descriptor the blob's descriptor (digest and size are checked)
   * @return the verifying stream
   * @throws StoreException if the blob is missing or the store fails
   */
  InputStream openBlob(Descriptor descriptor) throws StoreException;

  /**
   * Copies a blob to {@code out}, checking size and digest; on a mismatch the exception names both
   * digests and {@code out} must be discarded.
   *
   * @param descriptor the blob's descriptor
   * @param out where the content goes; not closed
   * @throws StoreException if missing, not matching, or the copy fails
   */
  void readBlob(Descriptor descriptor, OutputStream out) throws StoreException;

  /**
   * Reads a small blob (a config, a signature payload) into memory.
   *
   * @param descriptor the blob's descriptor
   * @param maxBytes the largest size accepted; a larger descriptor is refused before reading
   * @return the verified content
   * @throws StoreException if missing, too large, not matching, or the store fails
   */
  Bytes readBlob(Descriptor descriptor, int maxBytes) throws StoreException;

  /**
   * Stores a blob from a stream. The content becomes visible only after its size and digest are
   * checked; on a mismatch nothing is stored.
   *
   * @param descriptor the blob's expected digest and size
   * @param content the content; read to the end, not closed
   * @throws StoreException if the content does not match or the store refuses it
   */
  void putBlob(Descriptor descriptor, InputStream content) throws StoreException;

  /**
   * Stores a small blob held in memory.
   *
   * @param mediaType the media type recorded in the returned descriptor
   * @param content the content
   * @return its descriptor with the given media type
   * @throws StoreException if the store refuses it
   */
  default Descriptor putBlob(MediaType mediaType, Bytes content) throws StoreException {
    Descriptor descriptor = Descriptor.ofContent(mediaType, content);
    putBlob(descriptor, content.openStream());
    return descriptor;
  }

  /**
   * {@return the repository's tags in the store's order}
   *
   * @throws StoreException if the store fails or the listing exceeds its bounds
   */
  List<String> tags() throws StoreException;

  /**
   * Lists every manifest whose {@code subject} is {@code subject}, each manifest digest once. Uses
   * every listing the store has: for a registry, both the referrers API (where there is one) and the
   * referrers tag schema index, since either may list referrers the other does not.
   *
   * @param subject the digest the referrers point at
   * @return descriptors of the referrers, with artifact type and annotations
   * @throws StoreException if the store fails or the listing exceeds its bounds
   */
  List<Descriptor> referrers(Digest subject) throws StoreException;

  /**
   * Lists the referrers of {@code subject} that have the given artifact type.
   *
   * @param subject the digest the referrers point at
   * @param artifactType the artifact type to keep
   * @return descriptors of the matching referrers
   * @throws StoreException if the store fails or the listing exceeds its bounds
   */
  default List<Descriptor> referrers(Digest subject, MediaType artifactType) throws StoreException {
    java.util.Objects.requireNonNull(artifactType, "artifactType");
    return referrers(subject).stream()
        .filter(d -> d.artifactType().filter(artifactType::equals).isPresent())
        .collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /**
   * Deletes a manifest; tags pointing at it go with it.
   *
   * @param digest the manifest digest
   * @throws StoreException if it is missing or the store refuses
   */
  void deleteManifest(Digest digest) throws StoreException;
}
