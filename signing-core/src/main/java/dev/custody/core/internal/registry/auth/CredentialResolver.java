package dev.custody.core.internal.registry.auth;

import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the credential providers in order for a host's credential, once per host until {@link
 * #invalidate} (after the registry rejected it). Thread-safe.
 */
final class CredentialResolver {
  private final List<CredentialProvider> providers;
  private final Map<String, Optional<Credential>> cache = new ConcurrentHashMap<>();

  CredentialResolver(List<CredentialProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  Optional<Credential> resolve(String host) throws IOException {
    Optional<Credential> cached = cache.get(host);
    if (cached != null) {
      return cached;
    }
    Optional<Credential> found = Optional.empty();
    for (CredentialProvider provider : providers) {
      try {
        found = provider.credentialFor(host);
      } catch (StoreException e) {
        throw new IOException("find credentials for " + host + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new IOException(
            "find credentials for " + host + ": provider " + provider.getClass().getName() + " failed ("
                + e.getClass().getSimpleName() + ")", e);
      }
      if (found.isPresent()) {
        break;
      }
    }
    cache.put(host, found);
    return found;
  }

  void invalidate(String host) {
    cache.remove(host);
  }
}
