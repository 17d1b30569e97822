package dev.custody.core;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.registry.RegistryStore;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.ImageReference;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.nio.file.Path;
import okhttp3.OkHttpClient;

/**
 * Custody's own implementations, found by {@link java.util.ServiceLoader}: OCI image layouts for
 * {@code oci:} references and registries otherwise. Stateless and thread-safe.
 */
public final class CoreProvider implements CustodyProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public CoreProvider() {}

  @Override
  public ArtifactStore open(ImageReference reference, StoreOptions options) throws CustodyException {
    requireNonNull(reference, "reference");
    requireNonNull(options, "options");
    if (reference.isLayout()) {
      return LayoutStore.open(Path.of(reference.layoutPath()), options.createLayouts());
    }
    return openRegistry(reference, options);
  }

  /**
   * Opens a registry repository: HTTPS, or plain HTTP for a loopback host (127.0.0.0/8, ::1,
   * localhost); {@code docker.io} is reached at its API host {@code registry-1.docker.io}.
   */
  ArtifactStore openRegistry(ImageReference reference, StoreOptions options) throws StoreException {
    String registry = reference.registry();
    String host =
        registry.startsWith("[")
            ? registry.substring(1, registry.indexOf(']'))
            : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
    String baseUrl =
        registry.equals(ImageReference.DOCKER_HUB)
            ? "https://registry-1.docker.io"
            : (RegistryTarget.isLoopback(host) ? "http://" : "https://") + registry;
    // Until the auth layer's client factory lands: an anonymous client (no credentials, retries).
    return new RegistryStore(new OkHttpClient(), baseUrl, reference.repository());
  }
}
