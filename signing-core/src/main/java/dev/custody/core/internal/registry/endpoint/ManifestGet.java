package dev.custody.core.internal.registry.endpoint;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.core.internal.registry.ResponseBodies;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/manifests/<reference>} (FORMATS.md §2.3): reads at most {@link
 * ArtifactStore#MAX_MANIFEST_BYTES}, then checks the bytes against {@code Docker-Content-Digest}
 * (when sent) and against the requested digest (when the reference is one). Either mismatch is
 * {@link Reason#DIGEST_MISMATCH} naming both digests.
 */
public final class ManifestGet {
  private ManifestGet() {}

  /**
   * Fetches a manifest.
   *
   * @param target the repository
   * @param reference a tag or digest
   * @param accept the {@code Accept} header value
   * @return the verified bytes and headers
   * @throws StoreException if missing, too large, mismatching or the registry fails
   */
  public static FetchedManifest fetch(RegistryTarget target, String reference, String accept)
      throws StoreException {
    Optional<Digest> requested = Digest.tryParse(reference);
    String action = "pull manifest " + subject(target, reference);
    Request request =
        target
            .pull(target.url("manifests", reference).build())
            .header("Accept", accept)
            .get()
            .build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 200) {
        throw RegistryErrors.toException(response, action);
      }
      Bytes raw = ResponseBodies.read(response, ArtifactStore.MAX_MANIFEST_BYTES, action);
      Optional<Digest> served = RegistryHeaders.contentDigest(response, action);
      if (served.isPresent()) {
        check(action, "Docker-Content-Digest", served.get(), raw, response.code());
      }
      if (requested.isPresent()) {
        check(action, "requested digest", requested.get(), raw, response.code());
      }
      DigestAlgorithm algorithm = requested.map(Digest::algorithm).orElse(DigestAlgorithm.SHA256);
      return new FetchedManifest(
          raw,
          RegistryHeaders.contentType(response),
          Digest.of(algorithm, raw),
          Optional.ofNullable(response.header("ETag")));
    }
  }

  static void check(String action, String which, Digest expected, Bytes raw, int status)
      throws StoreException {
    Digest actual = Digest.of(expected.algorithm(), raw);
    if (!actual.equals(expected)) {
      throw new StoreException(
          Reason.DIGEST_MISMATCH,
          action
              + ": served bytes do not match the "
              + which
              + " (expected "
              + expected
              + ", got "
              + actual
              + ")",
          null,
          status,
          "");
    }
  }

  static String subject(RegistryTarget target, String reference) {
    return target.location() + (Digest.tryParse(reference).isPresent() ? "@" : ":") + reference;
  }
}
