package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blob uploads (FORMATS.md §2.5): open a session with {@code POST /v2/<name>/blobs/uploads/}, then
 * either one {@code PUT <location>?digest=} with the whole blob (monolithic) or {@code PATCH
 * <location>} per chunk with {@code Content-Range} followed by an empty {@code PUT
 * <location>?digest=} (chunked). Every answer's {@code Location} (absolute or relative, query kept)
 * is used for the next request, and each chunk's {@code Range} answer is checked: a registry that
 * kept fewer bytes gets the rest of the chunk again.
 *
 * <p>The content is checked against the descriptor here, before the closing PUT, so a stream that
 * does not match is never committed: the session is cancelled and the error names both digests.
 */
public final class BlobUpload {
  private static final Logger LOG = LoggerFactory.getLogger(BlobUpload.class);
  private static final okhttp3.MediaType OCTET_STREAM =
      okhttp3.MediaType.get("application/octet-stream");
  private static final Pattern RANGE = Pattern.compile("(?:bytes=)?(\\d+)-(\\d+)");

  /** A chunk the registry kept only part of is re-sent at most this often. */
  private static final int MAX_CHUNK_RESENDS = 3;

  /** {@code OCI-Chunk-Min-Length} is honoured up to this size (it costs heap). */
  private static final int MAX_CHUNK_BYTES = 64 * 1024 * 1024;

  private BlobUpload() {}

  /**
   * Opens an upload session.
   *
   * @param target the repository
   * @param action action and subject, for messages
   * @return the session URL and the registry's minimum chunk size (0 when none)
   * @throws StoreException if refused
   */
  public static Session start(RegistryTarget target, String action) throws StoreException {
    Request request =
        target
            .push(target.url("blobs", "uploads", "").build())
            .post(RequestBody.create(new byte[0], null))
            .build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 202) {
        throw RegistryErrors.toException(response, action);
      }
      long min = 0;
      String header = response.header(RegistryHeaders.OCI_CHUNK_MIN_LENGTH);
      if (header != null) {
        try {
          min = Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
          min = 0;
        }
      }
      return new Session(RegistryHeaders.location(response, action), min);
    }
  }

  /**
   * An open upload session.
   *
   * @param location where the next request goes
   * @param minChunkLength the registry's minimum chunk size, 0 when it named none
   */
  public record Session(HttpUrl location, long minChunkLength) {}

  /**
   * Uploads a blob held in memory with one PUT, after checking it against the descriptor.
   *
   * @param target the repository
   * @param session the open session
   * @param descriptor the blob's digest and size
   * @param content the content
   * @throws StoreException if the content does not match (session cancelled) or the registry
   *     refuses
   */
  public static void monolithic(
      RegistryTarget target, Session session, Descriptor descriptor, Bytes content)
      throws StoreException {
    String action = action(target, descriptor);
    Digest actual = Digest.of(descriptor.digest().algorithm(), content);
    if (content.size() != descriptor.size() || !actual.equals(descriptor.digest())) {
      cancel(target, session.location());
      throw mismatch(action, descriptor, content.size(), actual);
    }
    finish(
        target,
        session.location(),
        descriptor,
        RequestBody.create(content.toByteArray(), OCTET_STREAM),
        action);
  }

  /**
   * Uploads a blob from a stream in chunks of {@code chunkSize} bytes (or the registry's minimum,
   * if larger), then closes the session with the digest computed on the way.
   *
   * @param target the repository
   * @param session the open session
   * @param descriptor the blob's digest and size
   * @param content the content; read to its end, not closed
   * @param chunkSize the chunk size
   * @throws StoreException if the content does not match (session cancelled), cannot be read, or
   *     the registry refuses
   */
  public static void chunked(
      RegistryTarget target,
      Session session,
      Descriptor descriptor,
      InputStream content,
      int chunkSize)
      throws StoreException {
    String action = action(target, descriptor);
    int size = (int) Math.min(MAX_CHUNK_BYTES, Math.max(chunkSize, session.minChunkLength()));
    MessageDigest md = descriptor.digest().algorithm().newMessageDigest();
    byte[] buffer = new byte[size];
    HttpUrl location = session.location();
    long offset = 0;
    try {
      while (true) {
        int n = readFully(content, buffer, action);
        if (n == 0) {
          break;
        }
        if (offset + n > descriptor.size()) {
          throw mismatch(action, descriptor, offset + n, null);
        }
        md.update(buffer, 0, n);
        location = patch(target, location, buffer, n, offset, action);
        offset += n;
        if (n < buffer.length) {
          break;
        }
      }
      Digest actual = Digest.ofHash(descriptor.digest().algorithm(), md.digest());
      if (offset != descriptor.size() || !actual.equals(descriptor.digest())) {
        throw mismatch(action, descriptor, offset, actual);
      }
    } catch (StoreException e) {
      cancel(target, location);
      throw e;
    }
    finish(target, location, descriptor, RequestBody.create(new byte[0], null), action);
  }

  private static HttpUrl patch(
      RegistryTarget target, HttpUrl location, byte[] buffer, int n, long offset, String action)
      throws StoreException {
    int sent = 0;
    for (int attempt = 0; ; attempt++) {
      long start = offset + sent;
      long end = offset + n - 1;
      Request request =
          target
              .push(location)
              .header("Content-Range", start + "-" + end)
              .patch(RequestBody.create(buffer, OCTET_STREAM, sent, n - sent))
              .build();
      try (Response response = target.execute(request, action)) {
        if (response.code() != 202) {
          throw RegistryErrors.toException(response, action);
        }
        location = RegistryHeaders.location(response, action);
        long kept = rangeEnd(response).orElse(end);
        if (kept == end) {
          return location;
        }
        // The registry kept fewer bytes than sent: resend the rest of this chunk from memory.
        if (kept < offset - 1 || kept > end || attempt >= MAX_CHUNK_RESENDS) {
          throw new StoreException(
              Reason.PROTOCOL,
              action
                  + ": registry acknowledged an unexpected range (expected 0-"
                  + end
                  + ", got 0-"
                  + kept
                  + ")",
              null,
              response.code(),
              "");
        }
        sent = (int) (kept + 1 - offset);
        LOG.debug("{}: registry kept bytes up to {}, resending from {}", action, kept, kept + 1);
      }
    }
  }

  private static Optional<Long> rangeEnd(Response response) {
    String header = response.header("Range");
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(m.group(2)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void finish(
      RegistryTarget target,
      HttpUrl location,
      Descriptor descriptor,
      RequestBody body,
      String action)
      throws StoreException {
    HttpUrl url =
        location.newBuilder().addQueryParameter("digest", descriptor.digest().toString()).build();
    Request request = target.push(url).put(body).build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 201 && response.code() != 204 && response.code() != 200) {
        throw RegistryErrors.toException(response, action);
      }
      Optional<Digest> stored = RegistryHeaders.contentDigest(response, action);
      if (stored.isPresent()
          && stored.get().algorithm() == descriptor.digest().algorithm()
          && !stored.get().equals(descriptor.digest())) {
        throw new StoreException(
            Reason.DIGEST_MISMATCH,
            action
                + ": registry stored another digest (expected "
                + descriptor.digest()
                + ", got "
                + stored.get()
                + ")",
            null,
            response.code(),
            "");
      }
    }
  }

  /** Cancels a session; failures are only logged (the registry expires sessions anyway). */
  public static void cancel(RegistryTarget target, HttpUrl location) {
    Request request = target.push(location).delete().build();
    try (Response response = target.execute(request, "cancel upload")) {
      LOG.debug("cancel upload {}: HTTP {}", target.location(), response.code());
    } catch (StoreException e) {
      LOG.debug("cancel upload {} failed: {}", target.location(), e.getMessage());
    }
  }

  private static int readFully(InputStream in, byte[] buffer, String action) throws StoreException {
    try {
      return in.readNBytes(buffer, 0, buffer.length);
    } catch (IOException e) {
      Reason reason =
          e instanceof dev.custody.core.internal.oci.ContentMismatchException
              ? Reason.DIGEST_MISMATCH
              : Reason.IO;
      throw new StoreException(
          reason, action + ": reading the content failed: " + e.getMessage(), e);
    }
  }

  private static StoreException mismatch(
      String action, Descriptor descriptor, long size, Digest actual) {
    String problem =
        size != descriptor.size() || actual == null
            ? "size mismatch (expected "
                + descriptor.size()
                + " bytes, got "
                + (actual == null ? "more than that" : String.valueOf(size))
                + ")"
            : "digest mismatch (expected " + descriptor.digest() + ", got " + actual + ")";
    return new StoreException(
        Reason.DIGEST_MISMATCH, action + ": " + problem + "; nothing stored", null);
  }

  static String action(RegistryTarget target, Descriptor descriptor) {
    return "push blob " + target.location() + "@" + descriptor.digest();
  }
}
