package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.registry.AzureTokenSource;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** FORMATS §2.13 end to end against a fake ACR: exchange, then one access token per scope. */
class AcrExchangeTest {
  private final List<String> forms = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  private Loopback acr() throws Exception {
    AtomicInteger port = new AtomicInteger();
    Loopback server = new Loopback(r -> {
      String path = r.getPath();
      if (path.startsWith("/oauth2/")) {
        String form = r.getBody().readUtf8();
        forms.add(path + " " + form);
        if (path.equals("/oauth2/exchange")) {
          return form.contains("access_token=aad-jwt")
              ? new MockResponse().setBody("{\"refresh_token\":\"acr-refresh\"}")
              : new MockResponse().setResponseCode(401);
        }
        HttpUrl parsed = HttpUrl.get("http://x/?" + form);
        if (!"acr-refresh".equals(parsed.queryParameter("refresh_token"))) {
          return new MockResponse().setResponseCode(401);
        }
        return new MockResponse().setBody("{\"access_token\":\"acr:" + parsed.queryParameter("scope") + "\"}");
      }
      String scope = "repository:" + (path.contains("/one/") ? "one" : "two") + ":pull";
      if (("Bearer acr:" + scope).equals(r.getHeader("Authorization"))) {
        return new MockResponse().setBody("manifest");
      }
      return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
          "Bearer realm=\"http://127.0.0.1:" + port.get() + "/oauth2/token\",service=\"myreg.azurecr.io\",scope=\"" + scope + "\"");
    });
    port.set(server.server.getPort());
    return server;
  }

  private static Request get(Loopback acr, String repo) {
    return new Request.Builder().url(acr.url("/v2/" + repo + "/manifests/latest"))
        .tag(RegistryScope.class, RegistryScope.pull(repo)).build();
  }

  @Test
  void azureTokenSource_exchangedOnce_thenOneAccessTokenPerScope() throws Exception {
    try (Loopback acr = acr()) {
      AzureTokenSource source = new AzureTokenSource() {
        @Override
        public String accessToken(String host) {
          return "aad-jwt";
        }

        @Override
        public Optional<String> tenantId() {
          return Optional.of("tenant-1");
        }
      };
      OkHttpClient http = RegistryHttpClients.builder(RegistryOptions.builder().dockerConfig(false)
              .azureTokenSource(source).azureContainerRegistry(acr.host()).build())
          .logSink(log::add).build();
      for (String repo : List.of("one", "two", "one")) {
        try (Response r = http.newCall(get(acr, repo)).execute()) {
          assertEquals(200, r.code(), repo);
        }
      }
      assertEquals(List.of(
          "/oauth2/exchange grant_type=access_token&service=myreg.azurecr.io&tenant=tenant-1&access_token=aad-jwt",
          "/oauth2/token grant_type=refresh_token&service=myreg.azurecr.io&client_id=custody&scope=repository%3Aone%3Apull&refresh_token=acr-refresh",
          "/oauth2/token grant_type=refresh_token&service=myreg.azurecr.io&client_id=custody&scope=repository%3Atwo%3Apull&refresh_token=acr-refresh"),
          forms);
      String all = String.join("\n", log);
      assertFalse(all.contains("aad-jwt") || all.contains("acr-refresh") || all.contains("acr:repository"), all);
    }
  }

  @Test
  void nullGuidUserWithPassword_usesThePasswordAsRefreshToken() throws Exception {
    try (Loopback acr = acr()) {
      OkHttpClient http = RegistryHttpClients.builder(RegistryOptions.builder().dockerConfig(false)
              .credentialProvider(CredentialProvider.of(acr.host(),
                  Credential.basic(Credential.ACR_REFRESH_TOKEN_USERNAME, "acr-refresh"))).build())
          .build();
      try (Response r = http.newCall(get(acr, "one")).execute()) {
        assertEquals(200, r.code());
      }
      assertEquals(1, forms.size());
      assertTrue(forms.get(0).startsWith("/oauth2/token grant_type=refresh_token"), forms.get(0));
    }
  }
}
