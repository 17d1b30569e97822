package dev.custody.oci;

import dev.custody.Bytes;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest: an {@link ImageManifest} (OCI image manifest or Docker v2 schema 2) or an
 * {@link ImageIndex} (OCI image index or Docker manifest list).
 *
 * <p>A manifest keeps the exact bytes it was read from ({@link #raw()}); its {@link #digest()} is
 * computed over those bytes, never over a re-serialised form. The parsed fields describe the same
 * bytes: manifests come from a store or from the core codec, which parse them from {@code raw}.
 * Docker schema 1 manifests are refused when parsed. Immutable and thread-safe.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {

  /** {@return the exact bytes of the manifest} */
  Bytes raw();

  /** {@return the manifest's media type} */
  MediaType mediaType();

  /** {@return the SHA-256 digest of {@link #raw()}} */
  Digest digest();

  /** {@return the artifact type, if the manifest declares one} */
  Optional<MediaType> artifactType();

  /** {@return the manifest this one refers to (OCI 1.1 {@code subject}), if any} */
  Optional<Descriptor> subject();

  /** {@return the manifest's annotations; possibly empty} */
  Map<String, String> annotations();

  /**
   * {@return the descriptor of this manifest}: media type, digest, size, and the artifact type
   * as the referrers API reports it (the {@code artifactType} field, else the config media type).
   */
  Descriptor descriptor();
}
