package dev.custody.examples.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.RegistryFixture;
import dev.custody.examples.ExampleFixtures;
import dev.custody.oci.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The webhook's decision for pods whose images live in a real registry on 127.0.0.1. */
class AdmissionWebhookRegistryTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;

  @Test
  void registryImages_builtAllowed_unbuiltDeniedByName() throws Exception {
    ExampleFixtures f = new ExampleFixtures(dir);
    ImageReference built = ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository("built"), "1.0"));
    ImageReference unbuilt = ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository("unbuilt"), "1.0"));
    f.custody.copy(f.image("built"), built);
    f.custody.copy(f.image("unbuilt"), unbuilt);
    f.attestBuilt(built, f.ci);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      PodVerification verification =
          new PodVerification(ImageCheck.custody(f.custody, f.builtByCiPolicy()), pool, Duration.ofSeconds(30));

      AdmissionWebhook.Answer allowed =
          AdmissionWebhook.review(
              AdmissionWebhookTest.podReview("", "{" + AdmissionWebhookTest.containers("containers", built) + "}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8),
              verification);
      AdmissionWebhook.Answer denied =
          AdmissionWebhook.review(
              AdmissionWebhookTest.podReview("", "{" + AdmissionWebhookTest.containers("containers", built, unbuilt) + "}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8),
              verification);

      String allowedJson = new String(allowed.body(), java.nio.charset.StandardCharsets.UTF_8);
      String deniedJson = new String(denied.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(200, allowed.status());
      assertTrue(allowedJson.contains("\"allowed\":true"), allowedJson);
      assertFalse(deniedJson.contains("\"allowed\":true"), deniedJson);
      assertTrue(deniedJson.contains("image " + unbuilt + " (sha256:"), deniedJson);
      assertTrue(deniedJson.contains("stage build NO_EVIDENCE"), deniedJson);
    } finally {
      pool.shutdownNow();
    }
  }
}
