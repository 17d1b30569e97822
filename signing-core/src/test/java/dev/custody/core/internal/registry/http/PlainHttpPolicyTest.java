package dev.custody.core.internal.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.registry.RegistryOptions;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class PlainHttpPolicyTest {

  @Test
  void loopbackHosts_areRecognisedWithoutResolving() {
    for (String host : new String[] {"localhost", "127.0.0.1", "127.255.3.4", "::1", "LOCALHOST"}) {
      assertTrue(RegistryHost.isLoopback(host), host);
    }
    for (String host : new String[] {"128.0.0.1", "127.0.0", "127.0.0.256", "localhost.example.com", "10.0.0.1", "::2"}) {
      assertFalse(RegistryHost.isLoopback(host), host);
    }
  }

  @Test
  void permits_httpsAlways_httpOnlyLoopbackOrAllowed() {
    PlainHttpPolicy policy = new PlainHttpPolicy(Set.of("build.internal:5000", "legacy.internal"));
    assertTrue(policy.permits(HttpUrl.get("https://registry.example.com/v2/")));
    assertTrue(policy.permits(HttpUrl.get("http://127.0.0.1:5000/v2/")));
    assertTrue(policy.permits(HttpUrl.get("http://[::1]:5000/v2/")));
    assertTrue(policy.permits(HttpUrl.get("http://build.internal:5000/v2/")));
    assertTrue(policy.permits(HttpUrl.get("http://legacy.internal:8080/v2/")));
    assertFalse(policy.permits(HttpUrl.get("http://build.internal:5001/v2/")));
    assertFalse(policy.permits(HttpUrl.get("http://registry.example.com/v2/")));
  }

  @Test
  void plainHttpToARemoteHost_isRefusedBeforeConnecting() {
    HttpFoundation f = HttpFoundation.builder(RegistryOptions.defaults()).build();
    PlainHttpRefusedException e = assertThrows(PlainHttpRefusedException.class,
        () -> f.base().newCall(new Request.Builder().url("http://registry.invalid/v2/").build()).execute());
    assertTrue(e.getMessage().startsWith("connect to registry.invalid: refusing plain HTTP"), e.getMessage());
    assertFalse(f.isTlsInitialised(), "TLS is built lazily");
  }

  @Test
  void registryHost_keysHostAndNonDefaultPort() {
    assertEquals("registry.example.com", RegistryHost.of(HttpUrl.get("https://Registry.Example.com:443/v2/")));
    assertEquals("localhost:5000", RegistryHost.of(HttpUrl.get("http://localhost:5000/v2/")));
    assertEquals("[::1]:5000", RegistryHost.of(HttpUrl.get("http://[::1]:5000/v2/")));
  }

  @Test
  void redaction_hidesCredentialsButKeepsProtocolQuery() {
    assertEquals("https://h/v2/a/tags/list?n=10&last=v1",
        Redaction.url(HttpUrl.get("https://user:pw@h/v2/a/tags/list?n=10&last=v1")));
    assertEquals("https://store/b?X-Amz-Signature=██&digest=sha256%3A00",
        Redaction.url(HttpUrl.get("https://store/b?X-Amz-Signature=abc&digest=sha256:00")));
    assertEquals("Bearer ██", Redaction.header("Authorization", "Bearer eyJhbGciOi"));
    assertEquals("██", Redaction.header("Set-Cookie", "session=1"));
    assertEquals("██", Redaction.header("X-Auth-Token", "t"));
    assertEquals("Bearer realm=\"r\"", Redaction.header("WWW-Authenticate", "Bearer realm=\"r\""));
    assertEquals("/v2/a/blobs/uploads/u?██", Redaction.header("Location", "/v2/a/blobs/uploads/u?_state=s"));
  }
}
