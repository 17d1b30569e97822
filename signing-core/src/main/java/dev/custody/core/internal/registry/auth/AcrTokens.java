package dev.custody.core.internal.registry.auth;

import dev.custody.registry.AzureTokenSource;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Azure Container Registry refresh tokens obtained by exchanging an Entra ID access token (FORMATS
 * §2.13): {@code POST https://<registry>/oauth2/exchange} on the registry host itself (never on a
 * realm elsewhere, so the Entra token reaches only the registry), cached per host until shortly
 * before they expire. Thread-safe.
 */
final class AcrTokens {
  private final AzureTokenSource source;
  private final Set<String> extraHosts;
  private final TokenClient client;
  private final Clock clock;
  private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();

  AcrTokens(AzureTokenSource source, Set<String> extraHosts, TokenClient client, Clock clock) {
    this.source = source;
    this.extraHosts = Set.copyOf(extraHosts);
    this.client = client;
    this.clock = clock;
  }

  /** {@return whether {@code host} is an ACR: {@code *.azurecr.io} or configured} */
  boolean handles(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    String name = colon > 0 && !h.endsWith("]") ? h.substring(0, colon) : h;
    return extraHosts.contains(h) || name.endsWith(".azurecr.io");
  }

  /** {@return an ACR refresh token for the registry addressed by {@code registryUrl}} */
  synchronized String refreshToken(HttpUrl registryUrl, String host, String service) throws IOException {
    Token cached = refreshTokens.get(host);
    if (cached != null && cached.isValidAt(clock.instant())) {
      return cached.value();
    }
    String aad;
    try {
      aad = source.accessToken(host);
    } catch (StoreException e) {
      throw new IOException("get an Entra ID token for " + host + ": " + e.getMessage(), e);
    }
    if (aad == null || aad.isBlank()) {
      throw new IOException("get an Entra ID token for " + host + ": the token source gave none");
    }
    HttpUrl exchange = new HttpUrl.Builder()
        .scheme(registryUrl.scheme()).host(registryUrl.host()).port(registryUrl.port())
        .encodedPath("/oauth2/exchange").build();
    Optional<String> tenant = source.tenantId();
    Token token = client.exchange(host, exchange, service, tenant, aad.trim());
    refreshTokens.put(host, token);
    return token.value();
  }

  void invalidate(String host) {
    refreshTokens.remove(host);
  }
}
