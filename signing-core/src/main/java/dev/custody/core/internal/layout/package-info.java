/**
 * An {@link dev.custody.store.ArtifactStore} over an OCI image layout directory
 * (image-spec image-layout.md; FORMATS.md §7): {@code oci-layout}, {@code index.json} and
 * {@code blobs/<alg>/<hex>}.
 *
 * <p>Writes are atomic (temporary file in the same directory, forced to disk, checked, renamed),
 * and every read-modify-write of {@code index.json} holds an in-process lock and a file lock, so
 * concurrent writers in threads and in separate processes lose nothing.
 */
package dev.custody.core.internal.layout;
