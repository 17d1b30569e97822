package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code PUT /v2/<name>/manifests/<reference>} with the exact bytes and their media type as {@code
 * Content-Type} (FORMATS.md §2.3). The digest returned is the one computed here; the registry's
 * {@code Docker-Content-Digest}, when sent, must agree. {@code OCI-Subject} in the answer means the
 * registry indexed the manifest's {@code subject} itself.
 */
public final class ManifestPut {
  private ManifestPut() {}

  /**
   * The outcome of a PUT.
   *
   * @param digest the SHA-256 digest of the bytes sent
   * @param ociSubject the {@code OCI-Subject} header, if the registry processed a subject
   */
  public record Result(Digest digest, Optional<Digest> ociSubject) {}

  /**
   * Stores a manifest.
   *
   * @param target the repository
   * @param reference the tag, or the digest of {@code raw}
   * @param raw the exact bytes
   * @param mediaType the manifest's media type
   * @param ifMatch an {@code ETag} for a conditional PUT, or empty
   * @return the computed digest and the subject the registry reported
   * @throws StoreException if refused (HTTP 412 when {@code ifMatch} no longer matches) or the
   *     registry reports another digest
   */
  public static Result put(
      RegistryTarget target,
      String reference,
      Bytes raw,
      MediaType mediaType,
      Optional<String> ifMatch)
      throws StoreException {
    Digest digest = Digest.of(raw);
    String action = "push manifest " + ManifestGet.subject(target, reference);
    Request.Builder builder =
        target
            .push(target.url("manifests", reference).build())
            .put(RequestBody.create(raw.toByteArray(), okhttp3.MediaType.get(mediaType.value())));
    ifMatch.ifPresent(etag -> builder.header("If-Match", etag));
    try (Response response = target.execute(builder.build(), action)) {
      if (response.code() != 201 && response.code() != 200 && response.code() != 202) {
        throw RegistryErrors.toException(response, action);
      }
      Optional<Digest> stored = RegistryHeaders.contentDigest(response, action);
      if (stored.isPresent()) {
        ManifestGet.check(
            action, "registry's Docker-Content-Digest", stored.get(), raw, response.code());
      }
      return new Result(
          digest, RegistryHeaders.digestHeaderOf(response, RegistryHeaders.OCI_SUBJECT, action));
    }
  }
}
