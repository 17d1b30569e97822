package dev.custody.core.internal.registry.endpoint;

import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Digest;
import dev.custody.store.StoreException;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code DELETE /v2/<name>/manifests/<digest>}: 202 on success; registries that disable deletes
 * answer 400 or 405 (FORMATS.md §2.3), reported as the registry's error.
 */
public final class ManifestDelete {
  private ManifestDelete() {}

  /**
   * Deletes a manifest by digest.
   *
   * @param target the repository
   * @param digest the manifest digest
   * @throws StoreException if missing, refused or the registry fails
   */
  public static void delete(RegistryTarget target, Digest digest) throws StoreException {
    String action = "delete manifest " + target.location() + "@" + digest;
    Request request =
        target.push(target.url("manifests", digest.toString()).build()).delete().build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 202 && response.code() != 200 && response.code() != 204) {
        throw RegistryErrors.toException(response, action);
      }
    }
  }
}
