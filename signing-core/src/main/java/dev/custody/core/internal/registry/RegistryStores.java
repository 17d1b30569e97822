package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.registry.auth.RegistryHttpClients;
import dev.custody.core.internal.registry.http.RegistryHost;
import dev.custody.oci.ImageReference;
import dev.custody.registry.RegistryOptions;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * Opens {@link RegistryStore}s for image references, sharing one authenticated {@link OkHttpClient}
 * per {@link RegistryOptions} (its connection pool, token cache and credential lookups). The scheme
 * is HTTPS, except plain HTTP for loopback hosts and for hosts the options explicitly allow; Docker
 * Hub ({@code docker.io}) is reached at its API host {@code registry-1.docker.io}, as the Docker
 * tools do.
 *
 * <p>Thread-safe. Owned by one provider instance; no global state.
 */
public final class RegistryStores {
  /** Docker Hub's distribution API host (oras-go, the Docker CLI). */
  static final String DOCKER_HUB_API = "registry-1.docker.io";

  /** Distinct option sets whose clients are kept; beyond this a client is built per store. */
  private static final int MAX_CLIENTS = 16;

  private final Map<RegistryOptions, OkHttpClient> clients = new ConcurrentHashMap<>();

  /**
   * Opens the repository {@code reference} names; its tag and digest are ignored.
   *
   * @param reference a registry reference
   * @param options credentials, TLS, timeouts and plain-HTTP opt-ins
   * @return the store; closing it does not close the shared client
   * @throws IllegalArgumentException if {@code reference} is a layout reference
   */
  public RegistryStore open(ImageReference reference, RegistryOptions options) {
    requireNonNull(reference, "reference");
    requireNonNull(options, "options");
    if (reference.isLayout()) {
      throw new IllegalArgumentException("not a registry reference: " + reference);
    }
    String registry = reference.registry();
    boolean allowedHttp = plainHttpAllowed(registry, options);
    String baseUrl =
        registry.equals(ImageReference.DOCKER_HUB)
            ? "https://" + DOCKER_HUB_API
            : (allowedHttp || RegistryHost.isLoopback(hostOf(registry)) ? "http://" : "https://")
                + registry;
    return new RegistryStore(
        client(options),
        baseUrl,
        reference.repository(),
        RegistryStore.DEFAULT_CHUNK_SIZE,
        OptionalInt.empty(),
        RegistryStore.DEFAULT_MAX_TAG_PAGES,
        allowedHttp);
  }

  private OkHttpClient client(RegistryOptions options) {
    OkHttpClient shared = clients.get(options);
    if (shared != null) {
      return shared;
    }
    if (clients.size() >= MAX_CLIENTS) {
      return RegistryHttpClients.create(options);
    }
    return clients.computeIfAbsent(options, RegistryHttpClients::create);
  }

  private static boolean plainHttpAllowed(String registry, RegistryOptions options) {
    return options.httpRegistries().contains(registry)
        || options.httpRegistries().contains(hostOf(registry));
  }

  /** {@return the host of {@code host[:port]}, without brackets for IPv6 literals} */
  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      return registry.substring(1, registry.indexOf(']'));
    }
    int colon = registry.indexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }
}
