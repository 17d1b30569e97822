package dev.custody.core.internal.registry.credentials;

import java.util.Locale;
import java.util.Set;

/**
 * Normalises docker {@code config.json} keys and registry hosts so they can be compared (FORMATS
 * §2.11): scheme and path are stripped ({@code https://host/v1/} → {@code host}), case is folded,
 * and Docker Hub's names ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io})
 * become one.
 */
final class DockerHostKeys {
  /** The key docker uses for Docker Hub, also the server URL its credential helpers expect. */
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private DockerHostKeys() {}

  static String normalise(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    return DOCKER_HUB.contains(k) ? "docker.io" : k;
  }

  static boolean isDockerHub(String host) {
    return normalise(host).equals("docker.io");
  }

  /** {@return what a credential helper is asked for: the Docker Hub URL, else the host} */
  static String serverUrl(String host) {
    return isDockerHub(host) ? DOCKER_HUB_KEY : host;
  }
}
