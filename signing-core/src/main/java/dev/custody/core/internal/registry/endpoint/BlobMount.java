package dev.custody.core.internal.registry.endpoint;

import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.core.internal.registry.auth.RegistryScope;
import dev.custody.core.internal.registry.auth.RegistryScopes;
import dev.custody.oci.Digest;
import dev.custody.store.StoreException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Cross-repository mount, {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}
 * (FORMATS.md §2.5): 201 means mounted; 202 means the registry declined (or ignores {@code from})
 * and opened an ordinary upload session at {@code Location} instead.
 *
 * <p>The request carries push on the destination as its {@link RegistryScope} tag and pull on the
 * source as a {@link MountSource} tag, for an auth layer that asks for both up front.
 */
public final class BlobMount {
  private BlobMount() {}

  /**
   * Tries to mount a blob.
   *
   * @param target the destination repository
   * @param digest the blob digest
   * @param fromRepository the source repository on the same registry
   * @return empty when mounted; otherwise the upload session the registry opened instead
   * @throws StoreException if the registry refuses
   */
  public static Optional<HttpUrl> mount(RegistryTarget target, Digest digest, String fromRepository)
      throws StoreException {
    String action =
        "mount blob " + digest + " from " + fromRepository + " into " + target.location();
    HttpUrl url =
        target
            .url("blobs", "uploads", "")
            .addQueryParameter("mount", digest.toString())
            .addQueryParameter("from", fromRepository)
            .build();
    Request request =
        target
            .push(url)
            .tag(RegistryScopes.class, RegistryScopes.of(RegistryScope.pull(fromRepository)))
            .post(okhttp3.RequestBody.create(new byte[0], null))
            .build();
    try (Response response = target.execute(request, action)) {
      if (response.code() == 201) {
        return Optional.empty();
      }
      if (response.code() == 202) {
        return Optional.of(RegistryHeaders.location(response, action));
      }
      throw RegistryErrors.toException(response, action);
    }
  }
}
