package dev.custody.core.internal.registry;

import dev.custody.CustodyException.Reason;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Reading the registry's response headers defensively: each is untrusted text. */
public final class RegistryHeaders {
  /** The digest of the served or stored content (distribution-spec). */
  public static final String DOCKER_CONTENT_DIGEST = "Docker-Content-Digest";

  /** Sent on a manifest PUT when the registry processed its {@code subject} (OCI 1.1). */
  public static final String OCI_SUBJECT = "OCI-Subject";

  /** Lists the filters a referrers response already applied. */
  public static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";

  /** The smallest chunk an upload session accepts. */
  public static final String OCI_CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";

  /**
   * Every manifest type Custody reads, always sent so that no registry down-converts to schema 1
   * (which would change the digest; distribution-spec content negotiation).
   */
  public static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          MediaType.OCI_MANIFEST.value(),
          MediaType.OCI_INDEX.value(),
          MediaType.DOCKER_MANIFEST.value(),
          MediaType.DOCKER_MANIFEST_LIST.value());

  private RegistryHeaders() {}

  /** {@return the {@code Content-Type} without parameters, if it is a valid media type} */
  public static Optional<MediaType> contentType(Response response) {
    String header = response.header("Content-Type");
    if (header == null) {
      return Optional.empty();
    }
    int semicolon = header.indexOf(';');
    String bare = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    try {
      return Optional.of(MediaType.of(bare.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads {@code Docker-Content-Digest}.
   *
   * @param response the response
   * @param action action and subject, for the message
   * @return the digest, or empty when the header is absent
   * @throws StoreException {@link Reason#PROTOCOL} when the header is present but not a digest
   */
  public static Optional<Digest> contentDigest(Response response, String action)
      throws StoreException {
    return digestHeaderOf(response, DOCKER_CONTENT_DIGEST, action);
  }

  /** Reads a header holding a digest; see {@link #contentDigest}. */
  public static Optional<Digest> digestHeaderOf(Response response, String name, String action)
      throws StoreException {
    String header = response.header(name);
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(header.trim()));
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          Reason.PROTOCOL,
          action + ": invalid " + name + " header (" + e.getMessage() + ")",
          null,
          response.code(),
          "");
    }
  }

  /** {@return the {@code Content-Length} header as a number, if present and valid} */
  public static Optional<Long> contentLength(Response response) {
    String header = response.header("Content-Length");
    if (header == null) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(header.trim());
      return value < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Resolves a {@code Location} header (absolute or relative, with its query kept) against the
   * request URL.
   *
   * @param response the response carrying {@code Location}
   * @param action action and subject, for the message
   * @return the absolute URL
   * @throws StoreException {@link Reason#PROTOCOL} when the header is missing or unusable
   */
  public static HttpUrl location(Response response, String action) throws StoreException {
    String header = response.header("Location");
    HttpUrl resolved = header == null ? null : response.request().url().resolve(header.trim());
    if (resolved == null) {
      throw new StoreException(
          Reason.PROTOCOL,
          action
              + ": "
              + (header == null ? "missing" : "invalid")
              + " Location header (HTTP "
              + response.code()
              + ")",
          null,
          response.code(),
          "");
    }
    return resolved;
  }
}
