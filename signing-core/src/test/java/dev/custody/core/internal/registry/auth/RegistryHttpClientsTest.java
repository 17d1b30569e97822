package dev.custody.core.internal.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.custody.registry.RegistryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHttpClientsTest {
  @TempDir Path dir;

  @Test
  void dockerConfigFromTheEnvironment_authenticatesTheRegistry_andPlainHttpLoopbackNeedsNoTls() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
    try (Loopback registry = new Loopback(r -> basic.equals(r.getHeader("Authorization"))
        ? new MockResponse().setBody("{}")
        : new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate", "Basic realm=\"r\""))) {
      Files.writeString(dir.resolve("config.json"),
          "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
      RegistryHttpClients.Builder.Built built = RegistryHttpClients.builder(RegistryOptions.defaults())
          .environment(Map.of("DOCKER_CONFIG", dir.toString()))
          .executablePath(List.of())
          .buildFoundation();
      try (Response r = built.client.newCall(new Request.Builder().url(registry.url("/v2/")).build()).execute()) {
        assertEquals(200, r.code());
        assertEquals("custody", registry.received.get(0).getHeader("User-Agent"));
      }
      assertFalse(built.foundation.isTlsInitialised(), "http:// must not build the TLS context");
    }
  }
}
