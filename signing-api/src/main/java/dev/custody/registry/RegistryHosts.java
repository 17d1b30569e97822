package dev.custody.registry;

import java.util.Locale;
import java.util.Set;

/** Host-name rules shared by the API's providers (FORMATS §2.1, §2.11). Not part of the API. */
final class RegistryHosts {
  private static final Set<String> DOCKER_HUB =
      Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private RegistryHosts() {}

  /** Lower-cases {@code host} and maps Docker Hub's aliases to {@code docker.io}. */
  static String canonical(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    return DOCKER_HUB.contains(lower) ? "docker.io" : lower;
  }
}
