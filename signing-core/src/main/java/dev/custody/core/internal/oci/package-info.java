/**
 * The OCI content model in core: the manifest codec (exact bytes to typed values and back), and
 * the bounded, digest-checking streams every store uses to read manifests and blobs.
 *
 * <p>Rules that hold here (FORMATS.md §0, §1): digests are computed over exact bytes, never over
 * re-serialised JSON; sizes are checked before digests; a manifest larger than
 * {@link dev.custody.store.ArtifactStore#MAX_MANIFEST_BYTES} is refused before it is read whole.
 */
package dev.custody.core.internal.oci;
