package dev.custody.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.store.StoreException;
import java.util.Map;
import java.util.Optional;

/**
 * Supplies the credential for a registry host (SPI). Custody asks the providers configured in
 * {@link RegistryOptions} in order and uses the first answer; when none answers, it tries the docker
 * {@code config.json} (unless disabled), then goes anonymous.
 *
 * <p>Custody asks at most once per host for the lifetime of a client, and once more after the
 * registry rejected the credential. Implementations must be thread-safe, must not block for long
 * (Custody bounds nothing here), and must keep secrets out of exception messages.
 */
@FunctionalInterface
public interface CredentialProvider {

  /**
   * Looks up the credential for one registry.
   *
   * @param registryHost the registry as requests address it: lower-case {@code host} or {@code
   *     host:port} (IPv6 literals in brackets); Docker Hub appears as {@code registry-1.docker.io}
   *     or {@code index.docker.io}
   * @return the credential, or empty when this provider has none for the host
   * @throws StoreException if the provider failed (for example its store could not be read)
   */
  Optional<Credential> credentialFor(String registryHost) throws StoreException;

  /**
   * Returns a provider that answers {@code credential} for exactly one registry host (compared
   * case-insensitively; {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io}
   * count as one) and nothing for every other host, so the credential never leaves its registry.
   *
   * @param registryHost {@code host} or {@code host:port}
   * @param credential the credential for that host
   * @return the provider
   */
  static CredentialProvider of(String registryHost, Credential credential) {
    requireNonNull(registryHost, "registryHost");
    requireNonNull(credential, "credential");
    String wanted = RegistryHosts.canonical(registryHost);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("credential provider: the registry host is empty");
    }
    return new CredentialProvider() {
      @Override
      public Optional<Credential> credentialFor(String host) {
        return wanted.equals(RegistryHosts.canonical(host)) ? Optional.of(credential) : Optional.empty();
      }

      @Override
      public String toString() {
        return "CredentialProvider[" + wanted + " -> " + credential + "]";
      }
    };
  }

  /**
   * Returns a provider reading the environment, for the command line: {@code
   * CUSTODY_REGISTRY_USERNAME} and {@code CUSTODY_REGISTRY_PASSWORD} are the basic credential for
   * the host named by {@code CUSTODY_REGISTRY} (required, so the secret is bound to one registry).
   * The variables are read once, now.
   *
   * @param environment the environment, usually {@link System#getenv()}
   * @return the provider, or empty when the three variables are not all set and non-empty
   */
  static Optional<CredentialProvider> fromEnvironment(Map<String, String> environment) {
    requireNonNull(environment, "environment");
    String host = environment.getOrDefault("CUSTODY_REGISTRY", "");
    String username = environment.getOrDefault("CUSTODY_REGISTRY_USERNAME", "");
    String password = environment.getOrDefault("CUSTODY_REGISTRY_PASSWORD", "");
    if (host.isBlank() || username.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(of(host.trim(), Credential.basic(username, password)));
  }
}
