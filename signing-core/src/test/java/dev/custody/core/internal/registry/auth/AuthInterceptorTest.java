package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {
  private static final String MANIFEST = "/v2/team/app/manifests/v1";

  private final List<String> log = new CopyOnWriteArrayList<>();

  private OkHttpClient client(RegistryOptions.Builder options) {
    return RegistryHttpClients.builder(options.dockerConfig(false).build())
        .sleeper(d -> {})
        .logSink(log::add)
        .build();
  }

  /** A token service that issues "tok:<scopes>" and records the requests. */
  private static Loopback tokenService() throws Exception {
    return new Loopback(r -> {
      String scopes = String.join("+", r.getRequestUrl().queryParameterValues("scope"));
      return new MockResponse().setBody("{\"token\":\"tok:" + scopes + "\",\"expires_in\":300}");
    });
  }

  /** A registry that wants "Bearer tok:<scope>" for the scope of the method. */
  private static Loopback bearerRegistry(Loopback tokens) throws Exception {
    return new Loopback(r -> {
      String scope = "repository:team/app:" + (r.getMethod().equals("GET") ? "pull" : "pull,push");
      String auth = r.getHeader("Authorization");
      if (auth != null && auth.equals("Bearer tok:" + scope)) {
        return new MockResponse().setResponseCode(r.getMethod().equals("PUT") ? 201 : 200).setBody("ok");
      }
      return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
          "Bearer realm=\"" + tokens.url("/token") + "\",service=\"registry.test\",scope=\"" + scope + "\"");
    });
  }

  private static Request get(Loopback registry) {
    return new Request.Builder().url(registry.url(MANIFEST)).tag(RegistryScope.class, RegistryScope.pull("team/app")).build();
  }

  @Test
  void bearerChallenge_fetchesTokenOnce_andReusesItForLaterRequests() throws Exception {
    try (Loopback tokens = tokenService(); Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder());
      for (int i = 0; i < 3; i++) {
        try (Response r = http.newCall(get(registry)).execute()) {
          assertEquals(200, r.code());
        }
      }
      assertEquals(1, tokens.received.size(), "token requests");
      assertEquals(4, registry.received.size(), "registry requests: one 401, then three authorised");
      RecordedRequest tokenRequest = tokens.received.get(0);
      assertEquals("registry.test", tokenRequest.getRequestUrl().queryParameter("service"));
      assertEquals(List.of("repository:team/app:pull"), tokenRequest.getRequestUrl().queryParameterValues("scope"));
      assertNull(tokenRequest.getHeader("Authorization"), "anonymous token request");
    }
  }

  @Test
  void scopePerRequest_pullForReads_pullPushForWrites_fetchedUpFrontOnceHostIsKnown() throws Exception {
    try (Loopback tokens = tokenService(); Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder());
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(200, r.code());
      }
      Request put = new Request.Builder().url(registry.url(MANIFEST))
          .put(RequestBody.create("{}", MediaType.get("application/vnd.oci.image.manifest.v1+json")))
          .tag(RegistryScope.class, RegistryScope.push("team/app")).build();
      try (Response r = http.newCall(put).execute()) {
        assertEquals(201, r.code());
      }
      assertEquals(List.of("repository:team/app:pull"), tokens.received.get(0).getRequestUrl().queryParameterValues("scope"));
      assertEquals(List.of("repository:team/app:pull,push"), tokens.received.get(1).getRequestUrl().queryParameterValues("scope"));
      assertEquals(3, registry.received.size(), "the PUT needed no 401 first");
    }
  }

  @Test
  void basicCredentials_goToTheRealmNamedByTheirRegistry_andNeverAppearInLogs() throws Exception {
    try (Loopback tokens = tokenService(); Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder()
          .credentialProvider(CredentialProvider.of(registry.host(), Credential.basic("alice", "s3cr3t-pw"))));
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(200, r.code());
      }
      String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cr3t-pw".getBytes(StandardCharsets.UTF_8));
      assertEquals(basic, tokens.received.get(0).getHeader("Authorization"));
      String all = String.join("\n", log);
      assertTrue(all.contains("Authorization: Bearer ██"), all);
      assertFalse(all.contains("s3cr3t-pw") || all.contains(basic.substring(6)) || all.contains("tok:"), all);
    }
  }

  @Test
  void identityToken_usesOAuth2RefreshTokenPost() throws Exception {
    List<String> forms = new CopyOnWriteArrayList<>();
    try (Loopback tokens = new Loopback(r -> {
          forms.add(r.getMethod() + " " + r.getBody().readUtf8());
          return new MockResponse().setBody("{\"access_token\":\"tok:repository:team/app:pull\"}");
        });
        Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder()
          .credentialProvider(CredentialProvider.of(registry.host(), Credential.identityToken("refresh-xyz"))));
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(200, r.code());
      }
      assertEquals(List.of("POST grant_type=refresh_token&service=registry.test&client_id=custody"
          + "&scope=repository%3Ateam%2Fapp%3Apull&refresh_token=refresh-xyz"), forms);
    }
  }

  @Test
  void registryKeepsRefusing_retriesOnceWithFreshCredentials_thenReturnsThe401() throws Exception {
    try (Loopback tokens = tokenService();
        Loopback registry = new Loopback(r -> new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
            "Bearer realm=\"" + tokens.url("/token") + "\",service=\"s\""))) {
      OkHttpClient http = client(RegistryOptions.builder());
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(401, r.code());
      }
      assertEquals(2, registry.received.size());
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(401, r.code());
      }
      // The cached token is sent up front, refused, dropped and fetched anew; being the same, it is
      // not sent again: the 401 is returned.
      assertEquals(3, registry.received.size(), "no loop");
      assertEquals(2, tokens.received.size());
    }
  }

  @Test
  void tokenServiceRejectsCredentials_returnsTheRegistry401_andLogsNoSecret() throws Exception {
    try (Loopback tokens = new Loopback(r -> new MockResponse().setResponseCode(401));
        Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder()
          .credentialProvider(CredentialProvider.of(registry.host(), Credential.basic("bob", "wrong-pw"))));
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(401, r.code());
      }
      assertFalse(String.join("\n", log).contains("wrong-pw"));
    }
  }

  @Test
  void hugeTokenResponse_isRefusedWithAClearError() throws Exception {
    try (Loopback tokens = new Loopback(r -> new MockResponse().setBody("{\"token\":\"" + "t".repeat(70_000) + "\"}"));
        Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder());
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
          () -> http.newCall(get(registry)).execute());
      assertEquals("read token for " + registry.host() + " from " + tokens.url("/token")
          + ": body too large (expected at most 65536 bytes, got 70012)", e.getMessage());
    }
  }

  @Test
  void basicChallenge_sendsBasicCredentialsToTheRegistry_andUpFrontNextTime() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
    try (Loopback registry = new Loopback(r -> basic.equals(r.getHeader("Authorization"))
        ? new MockResponse().setBody("ok")
        : new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\""))) {
      OkHttpClient http = client(RegistryOptions.builder()
          .credentialProvider(CredentialProvider.of(registry.host(), Credential.basic("alice", "pw"))));
      for (int i = 0; i < 2; i++) {
        try (Response r = http.newCall(get(registry)).execute()) {
          assertEquals(200, r.code());
        }
      }
      assertEquals(3, registry.received.size());
    }
  }

  @Test
  void credentialsForAnotherHost_areNotUsed() throws Exception {
    try (Loopback tokens = tokenService(); Loopback registry = bearerRegistry(tokens)) {
      OkHttpClient http = client(RegistryOptions.builder()
          .credentialProvider(CredentialProvider.of("other.example:5000", Credential.basic("alice", "pw"))));
      try (Response r = http.newCall(get(registry)).execute()) {
        assertEquals(200, r.code());
      }
      assertNull(tokens.received.get(0).getHeader("Authorization"));
    }
  }

  @Test
  void redirectToAnotherHost_carriesNoAuthorization() throws Exception {
    try (Loopback storage = new Loopback(r -> r.getHeader("Authorization") == null
            ? new MockResponse().setBody("blob-bytes")
            : new MockResponse().setResponseCode(400));
        Loopback tokens = tokenService();
        Loopback registry = new Loopback(r -> {
          if (!"Bearer tok:repository:team/app:pull".equals(r.getHeader("Authorization"))) {
            return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
                "Bearer realm=\"" + tokens.url("/token") + "\",service=\"s\",scope=\"repository:team/app:pull\"");
          }
          return new MockResponse().setResponseCode(307).addHeader("Location", storage.url("/blobs/abc?sig=SAS-SECRET"));
        })) {
      OkHttpClient http = client(RegistryOptions.builder());
      Request blob = new Request.Builder().url(registry.url("/v2/team/app/blobs/sha256:" + "a".repeat(64)))
          .tag(RegistryScope.class, RegistryScope.pull("team/app")).build();
      try (Response r = http.newCall(blob).execute()) {
        assertEquals(200, r.code());
        assertEquals("blob-bytes", r.body().string());
      }
      assertEquals(1, storage.received.size());
      assertNull(storage.received.get(0).getHeader("Authorization"), "no Authorization at the storage host");
      assertEquals("Bearer tok:repository:team/app:pull",
          registry.received.get(registry.received.size() - 1).getHeader("Authorization"));
      String all = String.join("\n", log);
      assertFalse(all.contains("SAS-SECRET"), all);
      assertTrue(all.contains("sig=██"), all);
    }
  }
}
