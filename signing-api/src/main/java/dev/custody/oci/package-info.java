/**
 * OCI content model values: {@link dev.custody.oci.Digest}, {@link dev.custody.oci.ImageReference},
 * {@link dev.custody.oci.MediaType}, {@link dev.custody.oci.Descriptor},
 * {@link dev.custody.oci.Platform} and {@link dev.custody.oci.Manifest}.
 *
 * <p>All values are immutable and thread-safe, validate on construction and never hold
 * {@code null}. Manifests keep the exact bytes they were read from, because digests and
 * signatures cover those bytes and never a re-serialised form (OCI image-spec, descriptor.md).
 */
package dev.custody.oci;
