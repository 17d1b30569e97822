package dev.custody.core.internal.registry.endpoint;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.store.StoreException;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code HEAD /v2/<name>/manifests/<reference>}: resolves a tag in one round trip from {@code
 * Docker-Content-Digest}, {@code Content-Type} and {@code Content-Length} (FORMATS.md §2.2).
 * Registries may omit the digest (it is a SHOULD in distribution-spec v1.1); then this answers
 * empty and the caller falls back to a GET, which digests the bytes itself.
 */
public final class ManifestHead {
  private ManifestHead() {}

  /**
   * Asks for a manifest's descriptor.
   *
   * @param target the repository
   * @param reference a tag or digest
   * @return the descriptor, or empty when the headers are not enough to build one
   * @throws StoreException if missing or the registry fails; {@link Reason#DIGEST_MISMATCH} if a
   *     digest reference is answered with another digest
   */
  public static Optional<Descriptor> head(RegistryTarget target, String reference)
      throws StoreException {
    String action = "resolve " + ManifestGet.subject(target, reference);
    Request request =
        target
            .pull(target.url("manifests", reference).build())
            .header("Accept", RegistryHeaders.MANIFEST_ACCEPT)
            .head()
            .build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 200) {
        throw RegistryErrors.toException(response, action);
      }
      Optional<Digest> digest = RegistryHeaders.contentDigest(response, action);
      Optional<MediaType> type = RegistryHeaders.contentType(response);
      Optional<Long> size = RegistryHeaders.contentLength(response);
      Optional<Digest> requested = Digest.tryParse(reference);
      if (digest.isPresent() && requested.isPresent() && !digest.equals(requested)) {
        throw new StoreException(
            Reason.DIGEST_MISMATCH,
            action
                + ": Docker-Content-Digest does not match the requested digest (expected "
                + requested.get()
                + ", got "
                + digest.get()
                + ")",
            null,
            response.code(),
            "");
      }
      if (digest.isEmpty() || type.isEmpty() || !type.get().isManifest() || size.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Descriptor.of(type.get(), digest.get(), size.get()));
    }
  }
}
