package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.RegistryStore;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import dev.custody.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Where credentials may travel (ARCHITECTURE.md "Boundaries"): each test runs servers on 127.0.0.1
 * with different ports. "Another host" means another origin, scheme + host + port: OkHttp drops
 * {@code Authorization} on a redirect unless {@code HttpUrl.canReuseConnectionFor} holds (same
 * scheme, host and port), and Custody keys credentials, challenges and tokens by {@code host[:port]}
 * ({@code RegistryHost.of}), so a different port is a different host for both.
 *
 * <p>Documented behaviour, as docker and oras do: basic credentials go to a token realm on another
 * host when (and only when) the registry host they are configured for named that realm in its
 * challenge ({@code AuthInterceptorTest.basicCredentials_goToTheRealmNamedByTheirRegistry_…});
 * a realm named by any other host gets that host's credentials, i.e. normally none.
 */
class CredentialBoundariesTest {
  private static final String REPO = "team/app";
  private static final String PASSWORD = "s3cr3t-pw";
  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final List<String> log = new CopyOnWriteArrayList<>();

  private OkHttpClient client(Loopback registry, Credential credential) {
    return RegistryHttpClients.builder(
            RegistryOptions.builder()
                .dockerConfig(false)
                .credentialProvider(CredentialProvider.of(registry.host(), credential))
                .build())
        .sleeper(d -> {})
        .logSink(log::add)
        .build();
  }

  /**
   * Token service issuing "tok:<scopes>" to a request with credentials and "anon:<scopes>" to one
   * without, recording what it was sent.
   */
  private static Loopback tokenService() throws Exception {
    return new Loopback(r -> {
      String scopes = String.join("+", r.getRequestUrl().queryParameterValues("scope"));
      String kind = r.getHeader("Authorization") == null ? "anon:" : "tok:";
      return new MockResponse().setBody("{\"token\":\"" + kind + scopes + "\",\"expires_in\":300}");
    });
  }

  /**
   * A registry whose token realm is {@code tokens}, that accepts "Bearer tok:<scope>" and answers
   * an upload POST with a Location on {@code storage}.
   */
  private static Loopback bearerRegistry(Loopback tokens, Loopback storage) throws Exception {
    return new Loopback(r -> {
      String scope = "repository:team/app:" + (r.getMethod().equals("GET") || r.getMethod().equals("HEAD") ? "pull" : "pull,push");
      if (!("Bearer tok:" + scope).equals(r.getHeader("Authorization"))) {
        return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
            "Bearer realm=\"" + tokens.url("/token") + "\",service=\"registry.test\",scope=\"" + scope + "\"");
      }
      if (r.getMethod().equals("POST") && r.getPath().equals("/v2/team/app/blobs/uploads/")) {
        return new MockResponse().setResponseCode(202).addHeader("Location", storage.url("/upload/1?state=abc"));
      }
      return new MockResponse().setResponseCode(404);
    });
  }

  private static Descriptor blob(Bytes content) {
    return Descriptor.ofContent(MediaType.OCI_LAYER, content);
  }

  @Test
  void uploadLocationOnAnotherPort_getsNoAuthorization_andTheUploadCompletes() throws Exception {
    Bytes content = Bytes.utf8("layer");
    try (Loopback storage = new Loopback(r -> new MockResponse().setResponseCode(201)
            .addHeader("Docker-Content-Digest", blob(content).digest().toString()));
        Loopback tokens = tokenService();
        Loopback registry = bearerRegistry(tokens, storage)) {
      RegistryStore store = new RegistryStore(client(registry, Credential.basic("alice", PASSWORD)), registry.url("/").toString().replaceAll("/$", ""), REPO);

      store.putBlob(blob(content), content.openStream());

      assertEquals(1, storage.received.size());
      RecordedRequest put = storage.received.get(0);
      assertEquals("PUT", put.getMethod());
      assertEquals(List.of(blob(content).digest().toString()), put.getRequestUrl().queryParameterValues("digest"));
      assertNull(put.getHeader("Authorization"), "no Authorization on the other origin");
      assertEquals(BASIC, tokens.received.get(0).getHeader("Authorization"), "the registry's own realm");
    }
  }

  @Test
  void uploadLocationOnAnotherPort_thatChallengesWithTheSameRealm_getsNeitherTheRegistryTokenNorItsCredentials()
      throws Exception {
    Bytes content = Bytes.utf8("layer");
    try (Loopback tokens = tokenService();
        Loopback storage = new Loopback(r -> {
          String auth = r.getHeader("Authorization");
          return auth == null
              ? new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
                  "Bearer realm=\"" + tokens.url("/token") + "\",service=\"storage\"")
              : new MockResponse().setResponseCode(403);
        });
        Loopback registry = bearerRegistry(tokens, storage)) {
      RegistryStore store = new RegistryStore(client(registry, Credential.basic("alice", PASSWORD)), registry.url("/").toString().replaceAll("/$", ""), REPO);

      StoreException e = assertThrows(StoreException.class, () -> store.putBlob(blob(content), content.openStream()));

      assertEquals(Reason.DENIED, e.reason(), e.getMessage());
      // The storage host asked the registry's token service, but as itself: the token request
      // made for it carries no credentials, and it never saw the registry's token.
      List<RecordedRequest> forStorage = tokens.received.subList(1, tokens.received.size());
      assertTrue(!forStorage.isEmpty(), "a token was requested for the storage host");
      for (RecordedRequest r : forStorage) {
        assertNull(r.getHeader("Authorization"), "token request for the storage host: " + r.getPath());
      }
      for (RecordedRequest r : storage.received) {
        String auth = r.getHeader("Authorization");
        assertTrue(auth == null || auth.startsWith("Bearer anon:"), auth);
      }
      assertTrue(!e.getMessage().contains(PASSWORD) && log.stream().noneMatch(l -> l.contains(PASSWORD)));
    }
  }

  @Test
  void tokenRealmRedirectingToAnotherPort_doesNotForwardBasicCredentials() throws Exception {
    try (Loopback elsewhere = tokenService();
        Loopback tokens = new Loopback(r -> new MockResponse().setResponseCode(302)
            .addHeader("Location", elsewhere.url("/token?" + r.getRequestUrl().encodedQuery())));
        Loopback registry = bearerRegistry(tokens, tokens)) {
      OkHttpClient http = client(registry, Credential.basic("alice", PASSWORD));
      Request get = new Request.Builder().url(registry.url("/v2/team/app/manifests/v1"))
          .tag(RegistryScope.class, RegistryScope.pull(REPO)).build();
      try (Response r = http.newCall(get).execute()) {
        assertEquals(401, r.code(), "the anonymous token from the other host is not the registry's");
      }
      assertEquals(BASIC, tokens.received.get(0).getHeader("Authorization"));
      assertEquals(1, elsewhere.received.size());
      assertNull(elsewhere.received.get(0).getHeader("Authorization"));
    }
  }

  @Test
  void refreshTokenPostRedirectedToAnotherPort_isNotResent_andFailsClearly() throws Exception {
    try (Loopback elsewhere = tokenService();
        Loopback tokens = new Loopback(r -> new MockResponse().setResponseCode(307)
            .addHeader("Location", elsewhere.url("/token")));
        Loopback registry = bearerRegistry(tokens, tokens)) {
      OkHttpClient http = client(registry, Credential.identityToken("refresh-SECRET"));
      Request get = new Request.Builder().url(registry.url("/v2/team/app/manifests/v1"))
          .tag(RegistryScope.class, RegistryScope.pull(REPO)).build();

      java.io.IOException e = assertThrows(java.io.IOException.class, () -> http.newCall(get).execute().close());

      assertEquals("fetch token for " + registry.host() + " from " + tokens.url("/token")
          + ": unexpected status (expected 200, got 307)", e.getMessage());
      assertEquals(List.of(), elsewhere.received, "the form with the refresh token stays with the realm");
      assertTrue(log.stream().noneMatch(l -> l.contains("refresh-SECRET")), String.join("\n", log));
    }
  }

  @Test
  void token_toString_hidesTheValue() {
    Token token = new Token("tok-SECRET", java.time.Instant.parse("2026-01-01T00:00:00Z"));
    assertEquals("Token[██, expires 2026-01-01T00:00:00Z]", token.toString());
  }

  @Test
  void acrExchangeRedirectedToAnotherPort_doesNotCarryTheEntraToken() throws Exception {
    try (Loopback elsewhere = new Loopback(r -> new MockResponse().setBody("{\"refresh_token\":\"r\"}"));
        Loopback acr = new Loopback(r -> r.getPath().equals("/oauth2/exchange")
            ? new MockResponse().setResponseCode(308).addHeader("Location", elsewhere.url("/oauth2/exchange"))
            : new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
                "Bearer realm=\"" + elsewhere.url("/oauth2/token") + "\",service=\"myreg.azurecr.io\"")) ) {
      dev.custody.registry.AzureTokenSource entra = host -> "entra-SECRET";
      OkHttpClient http = RegistryHttpClients.builder(RegistryOptions.builder().dockerConfig(false)
              .azureTokenSource(entra).azureContainerRegistry(acr.host()).build())
          .sleeper(d -> {}).logSink(log::add).build();
      Request get = new Request.Builder().url(acr.url("/v2/team/app/manifests/v1"))
          .tag(RegistryScope.class, RegistryScope.pull(REPO)).build();

      java.io.IOException e = assertThrows(java.io.IOException.class, () -> http.newCall(get).execute().close());

      assertTrue(e.getMessage().endsWith(": unexpected status (expected 200, got 308)"), e.getMessage());
      assertEquals(List.of(), elsewhere.received, "the Entra ID token goes to the registry host only");
      assertTrue(log.stream().noneMatch(l -> l.contains("entra-SECRET")), String.join("\n", log));
    }
  }
}
