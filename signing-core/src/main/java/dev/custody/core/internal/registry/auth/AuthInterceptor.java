package dev.custody.core.internal.registry.auth;

import dev.custody.core.internal.registry.http.RegistryHost;
import dev.custody.registry.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates registry requests (FORMATS §2.10–§2.13) as an OkHttp <em>application</em>
 * interceptor.
 *
 * <p>Flow: a request goes out with the {@code Authorization} its host needed last time (a cached
 * bearer token for its scopes, fetched up front when the token service is already known, or basic
 * credentials). On a {@code 401} from that same host the {@code WWW-Authenticate} challenge is
 * parsed and remembered; a token is fetched for the request's scopes merged with those the
 * challenge names (least privilege: the scopes come from the request's {@link RegistryScope} /
 * {@link RegistryScopes} tags), and the request is repeated once. If that attempt had already
 * carried credentials, the cached token and credential are dropped first so the retry uses fresh
 * ones. A second {@code 401} is returned to the caller: there is no loop.
 *
 * <p>Where credentials go:
 *
 * <ul>
 *   <li>Only to the host they were resolved for: the header is set here, above OkHttp's redirect
 *       handling, and OkHttp removes {@code Authorization} from a redirect to another scheme, host
 *       or port (this is why no {@code Authenticator} or network interceptor adds it: those run
 *       again for each redirect hop). A {@code 401} from another host after a redirect is returned
 *       unanswered.
 *   <li>Basic credentials go to the token realm only when that realm was named by a challenge from
 *       the registry host the credentials are configured for. As docker and oras do, the realm may
 *       be on another host (Docker Hub's {@code auth.docker.io}, GitLab): the registry, reached
 *       over HTTPS, is the authority on where its tokens come from. The plain-HTTP policy also
 *       covers the realm, so credentials never travel in clear text to a non-loopback host.
 *   <li>Azure Container Registries with an {@link dev.custody.registry.AzureTokenSource}: the
 *       Entra ID token goes to the registry host's {@code /oauth2/exchange} only.
 * </ul>
 *
 * <p>Thread-safe; token fetches for the same host and scopes are made once, not per thread.
 */
public final class AuthInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);

  private final CredentialResolver credentials;
  private final TokenClient tokens;
  private final TokenCache cache;
  private final Optional<AcrTokens> acr;
  private final Map<String, HostAuth> hosts = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  AuthInterceptor(CredentialResolver credentials, TokenClient tokens, TokenCache cache, Optional<AcrTokens> acr) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.cache = cache;
    this.acr = acr;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null) {
      return chain.proceed(request); // set by the caller on purpose
    }
    HttpUrl url = request.url();
    String host = RegistryHost.of(url);
    Set<String> scopes = RegistryScopes.requested(request);

    String sent = null;
    HostAuth known = hosts.get(host);
    if (known != null) {
      try {
        sent = authorization(url, host, known, scopes, false, !scopes.isEmpty());
      } catch (TokenRejectedException e) {
        LOG.debug("{}; sending without credentials", e.getMessage());
      }
    }
    Response response = chain.proceed(with(request, sent));
    if (response.code() != 401 || !RegistryHost.same(response.request().url(), url)) {
      return response;
    }
    Optional<HostAuth> challenged = HostAuth.from(response.headers("WWW-Authenticate"));
    if (challenged.isEmpty()) {
      return response;
    }
    HostAuth challenge = challenged.get();
    hosts.put(host, challenge);
    List<String> wanted = new ArrayList<>(scopes);
    wanted.addAll(challenge.scopes());
    Set<String> needed = RegistryScopes.merge(wanted);
    if (sent != null) {
      // What we sent was refused: next time ask everything anew (one retry only).
      cache.remove(TokenCache.key(host, scopes));
      credentials.invalidate(host);
      acr.ifPresent(a -> a.invalidate(host));
    }
    String retry;
    try {
      retry = authorization(url, host, challenge, needed, true, true);
    } catch (TokenRejectedException e) {
      LOG.warn("{}", e.getMessage());
      return response;
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (retry == null || retry.equals(sent)) {
      return response;
    }
    if (request.body() != null && request.body().isOneShot()) {
      // A streamed body cannot be sent twice; the token is cached now, so the protocol's restart
      // of this request goes out authorised.
      return response;
    }
    response.close();
    return chain.proceed(with(request, retry));
  }

  private static Request with(Request request, String authorization) {
    return authorization == null ? request : request.newBuilder().header("Authorization", authorization).build();
  }

  /** {@return the Authorization value for a request to {@code host}, or null for none} */
  private String authorization(
      HttpUrl url, String host, HostAuth auth, Set<String> scopes, boolean fresh, boolean mayFetch)
      throws IOException {
    if (!auth.bearer()) {
      Optional<Credential> c = credentials.resolve(host);
      return c.isPresent() && c.get().kind() == Credential.Kind.BASIC
          ? okhttp3.Credentials.basic(c.get().username(), c.get().secret(), StandardCharsets.UTF_8)
          : null;
    }
    String key = TokenCache.key(host, scopes);
    if (!fresh) {
      Optional<Token> cached = cache.get(key);
      if (cached.isPresent()) {
        return "Bearer " + cached.get().value();
      }
    }
    if (!mayFetch) {
      return null;
    }
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      if (!fresh) {
        Optional<Token> cached = cache.get(key);
        if (cached.isPresent()) {
          return "Bearer " + cached.get().value();
        }
      }
      Token token = fetch(url, host, auth, scopes);
      cache.put(key, token);
      return "Bearer " + token.value();
    }
  }

  private Token fetch(HttpUrl url, String host, HostAuth auth, Set<String> scopes) throws IOException {
    HttpUrl realm = auth.realm().orElseThrow();
    Optional<String> service = auth.service();
    if (acr.isPresent() && acr.get().handles(host)) {
      LOG.debug("token for {} {}: ACR exchange", host, scopes);
      String refresh = acr.get().refreshToken(url, host, service.orElse(host));
      return tokens.refresh(host, realm, service, scopes, refresh);
    }
    Optional<Credential> c = credentials.resolve(host);
    if (c.isPresent() && (c.get().kind() == Credential.Kind.IDENTITY_TOKEN || c.get().isAcrRefreshToken())) {
      LOG.debug("token for {} {}: OAuth2 refresh-token POST", host, scopes);
      return tokens.refresh(host, realm, service, scopes, c.get().secret());
    }
    Optional<Credential> basic = c.filter(x -> x.kind() == Credential.Kind.BASIC);
    LOG.debug("token for {} {}: GET ({})", host, scopes, basic.isPresent() ? "basic" : "anonymous");
    return tokens.get(host, realm, service, scopes, basic);
  }
}
