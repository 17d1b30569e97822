package dev.custody.examples.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.custody.examples.ExampleFixtures;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission webhook over real HTTP on 127.0.0.1, against real images in OCI layouts attested
 * through the public API and a one-stage policy ("built by ci").
 */
class AdmissionWebhookTest {
  private static final JsonMapper JSON = new JsonMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> servers = new ArrayList<>();

  @TempDir Path dir;
  ExampleFixtures f;
  CustodyPolicy policy;
  ImageReference built;
  ImageReference unsigned;

  @BeforeEach
  void setUp() throws Exception {
    f = new ExampleFixtures(dir);
    policy = f.builtByCiPolicy();
    built = f.image("built");
    unsigned = f.image("unsigned");
    f.attestBuilt(built, f.ci);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  private URI start(ImageCheck check, Duration deadline) throws Exception {
    AdmissionWebhook.Running running =
        new AdmissionWebhook(check, deadline, 4)
            .start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty());
    servers.add(running);
    return URI.create("http://127.0.0.1:" + running.address().getPort() + AdmissionWebhook.PATH);
  }

  private URI start() throws Exception {
    return start(ImageCheck.custody(f.custody, policy), AdmissionWebhook.DEFAULT_DEADLINE);
  }

  private HttpResponse<String> post(URI uri, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode review(URI uri, String body) throws Exception {
    HttpResponse<String> response = post(uri, body);
    assertEquals(200, response.statusCode(), response.body());
    JsonNode review = JSON.readTree(response.body());
    assertEquals("admission.k8s.io/v1", review.path("apiVersion").asText(), response.body());
    assertEquals("AdmissionReview", review.path("kind").asText(), response.body());
    assertEquals("uid-1", review.path("response").path("uid").asText(), response.body());
    return review.path("response");
  }

  /** An AdmissionReview v1 request for a pod; {@code spec} is the pod spec's JSON. */
  static String podReview(String annotations, String spec) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\"uid-1\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
        + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},"
        + "\"namespace\":\"payments\",\"operation\":\"CREATE\",\"object\":{\"apiVersion\":\"v1\","
        + "\"kind\":\"Pod\",\"metadata\":{\"name\":\"api\",\"annotations\":{" + annotations + "}},"
        + "\"spec\":" + spec + "}}}";
  }

  static String containers(String list, ImageReference... images) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      items.add("{\"name\":\"c" + i + "\",\"image\":\"" + images[i] + "\"}");
    }
    return "\"" + list + "\":[" + String.join(",", items) + "]";
  }

  @Test
  void builtImage_everyContainerList_allowed() throws Exception {
    JsonNode response =
        review(
            start(),
            podReview(
                "",
                "{" + containers("containers", built) + "," + containers("initContainers", built)
                    + "," + containers("ephemeralContainers", built) + "}"));

    assertTrue(response.path("allowed").asBoolean(), response.toString());
    assertTrue(response.path("status").isMissingNode(), response.toString());
  }

  @Test
  void unsignedImage_podClaimsVerified_deniedWithImageStageAndReason() throws Exception {
    JsonNode response =
        review(
            start(),
            podReview(
                "\"custody.dev/verified\":\"true\",\"custody.dev/report\":\"pass\"",
                "{" + containers("containers", built, unsigned) + "}"));

    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertEquals(403, response.path("status").path("code").asInt(), response.toString());
    String message = response.path("status").path("message").asText();
    assertTrue(message.startsWith("custody policy not satisfied: image " + unsigned), message);
    assertTrue(message.contains("stage build NO_EVIDENCE"), message);
    assertFalse(message.contains("image " + built + " "), message);
  }

  @Test
  void unsignedInitAndEphemeralContainers_denied() throws Exception {
    ImageReference debug = f.image("debug");
    JsonNode response =
        review(
            start(),
            podReview(
                "",
                "{" + containers("containers", built) + "," + containers("initContainers", unsigned)
                    + "," + containers("ephemeralContainers", debug) + "}"));

    String message = response.path("status").path("message").asText();
    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertTrue(message.contains("image " + unsigned + " ("), message);
    assertTrue(message.contains("image " + debug + " ("), message);
  }

  @Test
  void attestedByUnknownKey_deniedSignatureInvalid() throws Exception {
    ImageReference forged = f.image("forged");
    f.attestBuilt(forged, f.signer("mallory"));

    JsonNode response = review(start(), podReview("", "{" + containers("containers", forged) + "}"));

    String message = response.path("status").path("message").asText();
    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertTrue(message.contains("stage build SIGNATURE_INVALID "), message);
  }

  @Test
  void fiftyContainersOfOneImage_verifiedOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ImageCheck real = ImageCheck.custody(f.custody, policy);
    URI uri =
        start(
            image -> {
              calls.incrementAndGet();
              return real.check(image);
            },
            AdmissionWebhook.DEFAULT_DEADLINE);
    ImageReference[] fifty = Collections.nCopies(50, built).toArray(new ImageReference[0]);

    JsonNode response =
        review(uri, podReview("", "{" + containers("containers", fifty) + "," + containers("initContainers", built) + "}"));

    assertTrue(response.path("allowed").asBoolean(), response.toString());
    assertEquals(1, calls.get());
  }

  @Test
  void verificationPastDeadline_deniedFailsClosed() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    URI uri =
        start(
            image -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new AssertionError("released only after the answer");
            },
            Duration.ofMillis(200));
    try {
      JsonNode response = review(uri, podReview("", "{" + containers("containers", built) + "}"));

      assertFalse(response.path("allowed").asBoolean(), response.toString());
      assertEquals(
          "custody policy not satisfied: image " + built
              + ": not verified within the deadline of 200 ms (fails closed)",
          response.path("status").path("message").asText());
    } finally {
      never.countDown();
    }
  }

  @Test
  void reviewWithUidButNoPodSpec_deniedAsMalformed() throws Exception {
    String body =
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
            + "\"uid\":\"uid-1\",\"kind\":{\"kind\":\"Pod\"},\"object\":{\"metadata\":{}}}}";

    JsonNode response = review(start(), body);

    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertEquals(
        "malformed AdmissionReview: request.object.spec is missing",
        response.path("status").path("message").asText());
  }

  @Test
  void containerWithoutImage_deniedAsMalformed() throws Exception {
    JsonNode response =
        review(start(), podReview("", "{\"containers\":[{\"name\":\"a\",\"image\":7}]}"));

    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertEquals(
        "malformed AdmissionReview: spec.containers[0] has no image",
        response.path("status").path("message").asText());
  }

  @Test
  void notAnImageReference_denied() throws Exception {
    JsonNode response =
        review(start(), podReview("", "{\"containers\":[{\"name\":\"a\",\"image\":\"UPPER CASE\"}]}"));

    assertFalse(response.path("allowed").asBoolean(), response.toString());
    assertEquals(
        "custody policy not satisfied: spec.containers[0]: \"UPPER CASE\" is not an image reference",
        response.path("status").path("message").asText());
  }

  @Test
  void notJson_http400() throws Exception {
    HttpResponse<String> response = post(start(), "{\"apiVersion\": ");

    assertEquals(400, response.statusCode());
    assertTrue(response.body().startsWith("malformed AdmissionReview: not JSON"), response.body());
  }

  @Test
  void duplicateUidKey_http400() throws Exception {
    HttpResponse<String> response =
        post(start(), "{\"request\":{\"uid\":\"a\",\"uid\":\"b\"}}");

    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("Duplicate field 'uid'"), response.body());
  }

  @Test
  void bodyOverOneMebibyte_http413() throws Exception {
    String huge = podReview("\"pad\":\"" + "x".repeat(AdmissionWebhook.MAX_BODY_BYTES) + "\"", "{}");

    HttpResponse<String> response = post(start(), huge);

    assertEquals(413, response.statusCode());
  }

  @Test
  void get_http405() throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(start()).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
  }
}
