package dev.custody.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryFixtureTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
  @RegisterExtension static final RegistryFixture SECURED = RegistryFixture.withBasicAuth();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void anonymousRegistry_getV2_answers200() throws Exception {
    HttpResponse<String> response = get(REGISTRY.baseUrl() + "/v2/", Optional.empty());

    assertEquals(200, response.statusCode(), REGISTRY.log());
    assertTrue(REGISTRY.hostPort().startsWith("127.0.0.1:"), REGISTRY.hostPort());
    assertEquals("http://" + REGISTRY.hostPort(), REGISTRY.baseUrl());
  }

  @Test
  void basicAuthRegistry_withoutCredentials_answers401WithBasicChallenge() throws Exception {
    HttpResponse<String> response = get(SECURED.baseUrl() + "/v2/", Optional.empty());

    assertEquals(401, response.statusCode(), SECURED.log());
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    assertTrue(challenge.startsWith("Basic "), challenge);
  }

  @Test
  void basicAuthRegistry_withCredentials_answers200() throws Exception {
    String basic = SECURED.username() + ":" + SECURED.password();

    HttpResponse<String> response = get(SECURED.baseUrl() + "/v2/", Optional.of(basic));

    assertEquals(200, response.statusCode(), SECURED.log());
  }

  @Test
  void basicAuthRegistry_withWrongPassword_answers401() throws Exception {
    HttpResponse<String> response =
        get(SECURED.baseUrl() + "/v2/", Optional.of(SECURED.username() + ":wrong"));

    assertEquals(401, response.statusCode());
  }

  @Test
  void fixtures_anonymousAndSecured_areDistinctProcesses() {
    assertNotEquals(REGISTRY.pid(), SECURED.pid());
    assertNotEquals(REGISTRY.hostPort(), SECURED.hostPort());
    assertTrue(ProcessHandle.of(REGISTRY.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void sameKind_twoFixtures_shareOneRegistry() {
    assertEquals(REGISTRY.hostPort(), RegistryFixture.anonymous().hostPort());
  }

  @Test
  void anonymousRegistry_username_throwsNamingTheAuthFixture() {
    IllegalStateException e = assertThrows(IllegalStateException.class, REGISTRY::username);

    assertTrue(e.getMessage().contains("RegistryFixture.withBasicAuth()"), e.getMessage());
  }

  @Test
  void uniqueRepository_sameHint_givesDistinctValidNames() {
    String a = REGISTRY.uniqueRepository("My Test_Name!");
    String b = REGISTRY.uniqueRepository("My Test_Name!");

    assertNotEquals(a, b);
    assertTrue(
        a.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"), a);
    assertTrue(a.startsWith("test/my-test-name-"), a);
  }

  @Test
  void start_binaryMissing_failsWithInstallCommand() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RegistryProcess.start(Optional.empty(), false));

    assertEquals("docker-registry not found: sudo apt-get install -y docker-registry", e.getMessage());
  }

  @Test
  void start_binaryExitsAtOnce_failsWithStatusAndLog() {
    Path exitsAtOnce = Path.of("/bin/false");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> RegistryProcess.start(Optional.of(exitsAtOnce), false));

    assertTrue(e.getMessage().contains("exited with status 1; its log:"), e.getMessage());
  }

  private static HttpResponse<String> get(String url, Optional<String> basic)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    basic.ifPresent(
        b ->
            request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(b.getBytes(StandardCharsets.UTF_8))));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
