package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.util.Optional;

/**
 * A manifest as served, already checked against {@code Docker-Content-Digest} and the requested
 * digest.
 *
 * @param raw the exact bytes
 * @param contentType the served {@code Content-Type} without parameters, if valid
 * @param digest the digest of {@code raw} (the requested digest's algorithm, else SHA-256)
 * @param etag the {@code ETag}, if the registry sent one (for {@code If-Match})
 */
public record FetchedManifest(
    Bytes raw, Optional<MediaType> contentType, Digest digest, Optional<String> etag) {}
