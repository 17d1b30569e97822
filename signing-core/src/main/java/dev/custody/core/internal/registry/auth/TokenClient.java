package dev.custody.core.internal.registry.auth;

import dev.custody.Bytes;
import dev.custody.core.internal.registry.http.Bodies;
import dev.custody.core.internal.registry.http.Redaction;
import dev.custody.core.internal.registry.http.SafeToRepeat;
import dev.custody.registry.Credential;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Talks to token services (FORMATS §2.10, §2.13): the GET form (basic or anonymous), the OAuth2
 * refresh-token POST, and ACR's {@code /oauth2/exchange}. Its client carries no auth layer, only
 * retries, timeouts and the plain-HTTP policy; credentials are set on each request by this class,
 * so OkHttp drops them should the token service redirect a GET to another host.
 *
 * <p>The POSTs carry their secret (refresh token, Entra ID token) in the body, which OkHttp keeps
 * on a 307/308 redirect to any host; so POSTs follow no redirect at all, and a redirect answer is
 * an unexpected status.
 */
final class TokenClient {
  static final String CLIENT_ID = "custody";

  private final OkHttpClient http;
  private final OkHttpClient posts;
  private final Clock clock;

  TokenClient(OkHttpClient http, Clock clock) {
    this.http = http;
    this.posts = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.clock = clock;
  }

  /** GET {@code realm?service=…&scope=…} (one scope parameter each), with basic auth if given. */
  Token get(String host, HttpUrl realm, Optional<String> service, Set<String> scopes, Optional<Credential> basic)
      throws IOException {
    HttpUrl.Builder url = realm.newBuilder();
    service.ifPresent(s -> url.addQueryParameter("service", s));
    scopes.forEach(s -> url.addQueryParameter("scope", s));
    Request.Builder request = new Request.Builder().url(url.build()).get();
    basic.ifPresent(c -> request.header("Authorization", okhttp3.Credentials.basic(c.username(), c.secret(), java.nio.charset.StandardCharsets.UTF_8)));
    return accessToken(host, realm, request.build());
  }

  /**
   * The OAuth2 refresh-token POST; a service without the POST form (404/405) gets the anonymous GET
   * instead, as go-containerregistry does.
   */
  Token refresh(String host, HttpUrl realm, Optional<String> service, Set<String> scopes, String refreshToken)
      throws IOException {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "refresh_token");
    service.ifPresent(s -> form.add("service", s));
    form.add("client_id", CLIENT_ID);
    if (!scopes.isEmpty()) {
      form.add("scope", String.join(" ", scopes));
    }
    form.add("refresh_token", refreshToken);
    Request request = new Request.Builder().url(realm).post(form.build()).tag(SafeToRepeat.class, SafeToRepeat.YES).build();
    try (Response response = posts.newCall(request).execute()) {
      if (response.code() == 404 || response.code() == 405) {
        return get(host, realm, service, scopes, Optional.empty());
      }
      return parseAccess(host, realm, response);
    }
  }

  /** ACR: exchanges an Entra ID access token for an ACR refresh token at {@code /oauth2/exchange}. */
  Token exchange(String host, HttpUrl exchangeUrl, String service, Optional<String> tenant, String aadToken)
      throws IOException {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "access_token").add("service", service);
    tenant.ifPresent(t -> form.add("tenant", t));
    form.add("access_token", aadToken);
    Request request = new Request.Builder().url(exchangeUrl).post(form.build()).tag(SafeToRepeat.class, SafeToRepeat.YES).build();
    String what = "ACR token exchange for " + host + " at " + Redaction.url(exchangeUrl);
    try (Response response = posts.newCall(request).execute()) {
      return TokenResponses.refreshToken(body(what, response), clock.instant(), what);
    }
  }

  private Token accessToken(String host, HttpUrl realm, Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return parseAccess(host, realm, response);
    }
  }

  private Token parseAccess(String host, HttpUrl realm, Response response) throws IOException {
    String what = "token for " + host + " from " + Redaction.url(realm);
    return TokenResponses.accessToken(body(what, response), clock.instant(), what);
  }

  private static Bytes body(String what, Response response) throws IOException {
    int code = response.code();
    if (code == 401 || code == 403) {
      throw new TokenRejectedException(
          "fetch " + what + ": the token service refused the credentials (status " + code + ")");
    }
    if (code != 200) {
      throw new IOException("fetch " + what + ": unexpected status (expected 200, got " + code + ")");
    }
    ResponseBody body = response.body();
    if (body == null) {
      throw new IOException("fetch " + what + ": empty answer");
    }
    return Bodies.read(body, TokenResponses.MAX_BODY, what);
  }
}
