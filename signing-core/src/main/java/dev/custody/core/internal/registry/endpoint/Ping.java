package dev.custody.core.internal.registry.endpoint;

import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.core.internal.registry.auth.RegistryScope;
import dev.custody.store.StoreException;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /v2/}: checks that the host speaks the distribution API and accepts our credentials (a
 * 401 means authentication is required and was not satisfied).
 */
public final class Ping {
  private Ping() {}

  /**
   * Pings the registry.
   *
   * @param target any repository on the registry (its pull scope tags the request)
   * @throws StoreException if the registry is unreachable or refuses
   */
  public static void ping(RegistryTarget target) throws StoreException {
    String action = "ping registry " + target.registryHost();
    Request request =
        new Request.Builder()
            .url(target.base().newBuilder().addPathSegment("v2").addPathSegment("").build())
            .tag(RegistryScope.class, RegistryScope.pull(target.repository()))
            .get()
            .build();
    try (Response response = target.execute(request, action)) {
      if (response.code() != 200) {
        throw RegistryErrors.toException(response, action);
      }
    }
  }
}
