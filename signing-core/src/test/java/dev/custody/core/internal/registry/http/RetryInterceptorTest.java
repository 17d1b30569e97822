package dev.custody.core.internal.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.registry.RegistryOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private OkHttpClient client(RegistryOptions.Builder options) {
    HttpFoundation f = HttpFoundation.builder(options.build())
        .sleeper(waits::add)
        .random(() -> 0.0) // the shortest jittered wait: half the exponential step
        .build();
    return f.base().newBuilder().addInterceptor(f.retry()).build();
  }

  private HttpUrl url(String path) {
    return HttpUrl.get("http://127.0.0.1:" + server.getPort() + path);
  }

  private Response get(OkHttpClient http) throws IOException {
    return http.newCall(new Request.Builder().url(url("/v2/a/manifests/v1")).build()).execute();
  }

  @Test
  void tooManyRequestsWithRetryAfter_waitsThatLong_thenSucceeds() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).addHeader("Retry-After", "3"));
    server.enqueue(new MockResponse().setBody("ok"));
    try (Response r = get(client(RegistryOptions.builder()))) {
      assertEquals(200, r.code());
    }
    assertEquals(List.of(Duration.ofSeconds(3)), waits);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterBeyondTheCap_isCutToMaxRetryDelay() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).addHeader("Retry-After", "86400"));
    server.enqueue(new MockResponse().setBody("ok"));
    try (Response r = get(client(RegistryOptions.builder().maxRetryDelay(Duration.ofSeconds(7))))) {
      assertEquals(200, r.code());
    }
    assertEquals(List.of(Duration.ofSeconds(7)), waits);
  }

  @Test
  void serviceUnavailable_thenSuccess_backsOffExponentially() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(new MockResponse().setBody("ok"));
    try (Response r = get(client(RegistryOptions.builder()))) {
      assertEquals(200, r.code());
      assertEquals("ok", r.body().string());
    }
    assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(250)), waits);
  }

  @Test
  void alwaysFailing_stopsAfterMaxRetries_andReturnsTheLastStatus() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }
    try (Response r = get(client(RegistryOptions.builder().maxRetries(2)))) {
      assertEquals(503, r.code());
    }
    assertEquals(3, server.getRequestCount());
    assertEquals(2, waits.size());
  }

  @Test
  void postAndBlobUploadPut_areNotRetried_butManifestPutIs() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }
    server.enqueue(new MockResponse().setResponseCode(201));
    OkHttpClient http = client(RegistryOptions.builder());
    RequestBody body = RequestBody.create("x", MediaType.get("application/octet-stream"));
    try (Response r = http.newCall(new Request.Builder().url(url("/v2/a/blobs/uploads/")).post(body).build()).execute()) {
      assertEquals(503, r.code());
    }
    try (Response r = http.newCall(new Request.Builder().url(url("/v2/a/blobs/uploads/u1?digest=sha256:00")).put(body).build()).execute()) {
      assertEquals(503, r.code());
    }
    assertEquals(2, server.getRequestCount(), "one attempt each");
    try (Response r = http.newCall(new Request.Builder().url(url("/v2/a/manifests/v1")).put(body).build()).execute()) {
      assertEquals(201, r.code());
    }
    assertEquals(5, server.getRequestCount(), "manifest PUT: 503, 503, 201");
  }

  @Test
  void droppedConnection_isRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(new MockResponse().setBody("ok"));
    try (Response r = get(client(RegistryOptions.builder()))) {
      assertEquals(200, r.code());
    }
  }

  @Test
  void unreachableRegistry_failsClearlyAfterBoundedAttempts() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    OkHttpClient http = client(RegistryOptions.builder().maxRetries(2));
    RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, () -> http.newCall(
        new Request.Builder().url("http://127.0.0.1:" + closedPort + "/v2/?token=hide-me").build()).execute());
    assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + closedPort + "/v2/?token=██: registry unreachable after 3 attempts ("), e.getMessage());
    assertEquals(3, e.attempts());
    assertEquals(2, waits.size());
  }

  @Test
  void stuckRegistry_timesOutOnEachAttempt_thenFailsClearly() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OkHttpClient http = client(RegistryOptions.builder().maxRetries(1).readTimeout(Duration.ofMillis(100)));
    RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, () -> get(http));
    assertTrue(e.getMessage().contains("registry unreachable after 2 attempts (SocketTimeoutException"), e.getMessage());
  }

  @Test
  void waitBeyondTheCallTimeout_isNotTaken() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).addHeader("Retry-After", "20"));
    try (Response r = get(client(RegistryOptions.builder().callTimeout(Duration.ofSeconds(10))))) {
      assertEquals(429, r.code());
    }
    assertEquals(List.of(), waits);
  }
}
