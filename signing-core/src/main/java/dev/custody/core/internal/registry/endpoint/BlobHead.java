package dev.custody.core.internal.registry.endpoint;

import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Digest;
import dev.custody.store.StoreException;
import okhttp3.Request;
import okhttp3.Response;

/** {@code HEAD /v2/<name>/blobs/<digest>}: 200 present, 404 absent (FORMATS.md §2.4). */
public final class BlobHead {
  private BlobHead() {}

  /**
   * Asks whether a blob exists.
   *
   * @param target the repository
   * @param digest the blob digest
   * @return whether the registry has it in this repository
   * @throws StoreException if the registry fails or refuses
   */
  public static boolean exists(RegistryTarget target, Digest digest) throws StoreException {
    String action = "check blob " + target.location() + "@" + digest;
    Request request = target.pull(target.url("blobs", digest.toString()).build()).head().build();
    try (Response response = target.execute(request, action)) {
      if (response.code() == 200) {
        return true;
      }
      if (response.code() == 404) {
        return false;
      }
      throw RegistryErrors.toException(response, action);
    }
  }
}
