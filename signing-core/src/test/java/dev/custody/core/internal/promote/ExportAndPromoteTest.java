package dev.custody.core.internal.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.InvalidInputException;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReportFormat;
import dev.custody.policy.Stage;
import dev.custody.policy.TrustedSigner;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.sign.KeyType;
import dev.custody.sign.Signer;
import dev.custody.store.CopyResult;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export records the source repository; promotion signs what POLICY.md's promotion predicate says.
 */
class ExportAndPromoteTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;
  final Custody custody = Custody.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  final Signer release = newSigner();

  static Signer newSigner() {
    try {
      return KeyGenerators.generate(KeyType.EC_P256, new SecureRandom()).signer();
    } catch (dev.custody.sign.KeyException e) {
      throw new AssertionError(e);
    }
  }

  private ImageReference layoutImage(String name) {
    Path layout =
        TestImages.writeLayout(dir.resolve(name), "v1", TestImages.image("export-" + name));
    return ImageReference.parse(TestImages.layoutReference(layout, "v1"));
  }

  private CustodyPolicy promotionPolicy(String scope, String sourcePattern) {
    return CustodyPolicy.builder()
        .name("prod")
        .scope(scope)
        .signer(TrustedSigner.publicKey("release", release.publicKey().spki()))
        .policyDigest(Digest.of(Bytes.utf8("prod policy")))
        .stage(
            Stage.builder("promote")
                .attestation("https://custody.dev/attestation/promotion/v1")
                .signers(List.of("release"))
                .condition(dev.custody.policy.Condition.matches("/source", sourcePattern))
                .build())
        .build();
  }

  @Test
  void export_recordCarriedFromLayout_andGovernsScope() throws Exception {
    ImageReference image = layoutImage("src");
    Digest digest = custody.resolve(image).digest();
    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      ExportRecord.record(store, digest, "registry.example/staging/app");
    }
    ImageReference promoted = ImageReference.parse("oci:" + dir.resolve("prod") + ":v1");
    custody.promote(image, promoted, release, PromoteOptions.defaults());

    CopyResult exported =
        custody.export(promoted, ImageReference.parse("oci:" + dir.resolve("out")));
    ImageReference offline = ImageReference.parse("oci:" + dir.resolve("out") + ":v1");

    assertEquals(ImageReference.parse("oci:" + dir.resolve("out") + ":v1"), exported.destination());
    String index = Files.readString(dir.resolve("out").resolve("index.json"));
    // prod (a layout made by copy, not export) has no record: nothing is invented
    assertFalse(index.contains(ExportRecord.SOURCE_ANNOTATION), index);
    CopyResult fromSource =
        custody.export(image, ImageReference.parse("oci:" + dir.resolve("out2") + ":v1"));
    String index2 = Files.readString(dir.resolve("out2").resolve("index.json"));
    assertTrue(
        index2.contains(
            "\"" + ExportRecord.SOURCE_ANNOTATION + "\":\"registry.example/staging/app\""),
        index2);
    assertEquals(digest, fromSource.root().digest());
    CustodyReport report =
        custody.verifyCustody(
            ImageReference.parse("oci:" + dir.resolve("out2") + ":v1"),
            promotionPolicy("registry.example/staging/*", ".*"));
    // governed by the recorded source's scope; fails only because the image was never promoted
    assertFalse(report.passed());
    assertEquals(
        dev.custody.policy.ReasonCode.NO_EVIDENCE, report.stages().get(0).reason().orElseThrow());
    InvalidInputException outside =
        assertThrows(
            InvalidInputException.class,
            () -> custody.verifyCustody(offline, promotionPolicy("registry.example/prod/*", ".*")));
    assertTrue(
        outside.getMessage().contains("outside every scope of policy prod"), outside.getMessage());
  }

  @Test
  void exportRecord_notARepository_isRejectedNamingTheAnnotation() throws Exception {
    ImageReference image = layoutImage("bad");
    Digest digest = custody.resolve(image).digest();
    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      store.annotate(digest, ExportRecord.SOURCE_ANNOTATION, "registry.example/app:latest");

      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> ExportRecord.read(store, image));

      assertTrue(
          e.getMessage().contains("annotation dev.custody.source is not a repository"),
          e.getMessage());
    }
    assertTrue(ExportRecord.isRepository("docker.io/library/ubuntu"));
    assertFalse(ExportRecord.isRepository("ubuntu"));
    assertFalse(ExportRecord.isRepository("registry.example/app@sha256:" + "a".repeat(64)));
  }

  @Test
  void promote_signsPromotionPredicate_withPinnedReferencesPolicyDigestAndClockTime()
      throws Exception {
    ImageReference image = layoutImage("staging");
    ImageReference destination = ImageReference.parse("oci:" + dir.resolve("prod") + ":v1");
    CustodyPolicy passing = promotionPolicy("oci:*", ".*");
    PromoteResult result = custody.promote(image, destination, release, PromoteOptions.defaults());

    AttestationReport report =
        custody.verifyAttestations(
            destination, VerifyOptions.builder().signers(passing.signers()).build(), "promotion");
    Evidence evidence = report.examined().get(0);
    JsonNode predicate = Json.read(evidence.content(), "promotion predicate");
    Digest digest = result.copy().orElseThrow().root().digest();

    assertTrue(result.promoted());
    assertTrue(result.sourceCustody().isEmpty());
    assertTrue(report.passed(), report.message());
    assertEquals(image.context() + "@" + digest, predicate.get("source").asText());
    assertEquals(destination.context() + "@" + digest, predicate.get("destination").asText());
    assertFalse(predicate.has("policyDigest"));
    assertEquals("2026-11-26T10:00:00Z", predicate.get("promotedAt").asText());
    assertEquals(NOW, evidence.signedTime().orElseThrow());
  }

  @Test
  void promote_sourceFailsPolicy_writesNothingAndReportsWhy() throws Exception {
    ImageReference image = layoutImage("unpromoted");
    ImageReference destination = ImageReference.parse("oci:" + dir.resolve("prod") + ":v1");

    PromoteResult result =
        custody.promote(
            image,
            destination,
            release,
            PromoteOptions.builder().policy(promotionPolicy("oci:*", ".*")).build());

    assertFalse(result.promoted());
    CustodyReport report = result.sourceCustody().orElseThrow();
    assertFalse(report.passed());
    assertTrue(custody.render(report, ReportFormat.TEXT).contains("[FAIL] promote: NO_EVIDENCE"));
    assertTrue(custody.render(report, ReportFormat.JSON).contains("\"verdict\" : \"fail\""));
    assertTrue(Files.notExists(dir.resolve("prod")));
  }

  @Test
  void copyAgainAfterPromotion_mergesAttestationTag_promotionAndNewAttestationBothKept()
      throws Exception {
    ImageReference image = layoutImage("recopy");
    ImageReference prod = ImageReference.parse("oci:" + dir.resolve("prod") + ":v1");
    Signer alice = newSigner();
    custody.promote(image, prod, release, PromoteOptions.defaults());
    custody.attest(
        image,
        alice,
        "approval",
        Bytes.utf8("{\"approver\":\"alice\",\"approvedAt\":\"2026-11-26T09:00:00Z\"}"),
        dev.custody.attest.AttestOptions.defaults());

    custody.copy(image, prod);

    VerifyOptions trust =
        VerifyOptions.builder()
            .signers(
                List.of(
                    TrustedSigner.publicKey("release", release.publicKey().spki()),
                    TrustedSigner.publicKey("alice", alice.publicKey().spki())))
            .build();
    assertTrue(custody.verifyAttestations(prod, trust, "promotion").passed());
    assertTrue(custody.verifyAttestations(prod, trust, "approval").passed());
  }

  @Test
  void promote_withPassingPolicy_recordsPolicyDigest() throws Exception {
    ImageReference image = layoutImage("twice");
    ImageReference staging = ImageReference.parse("oci:" + dir.resolve("staging") + ":v1");
    ImageReference prod = ImageReference.parse("oci:" + dir.resolve("prod") + ":v1");
    custody.promote(image, staging, release, PromoteOptions.defaults());
    CustodyPolicy policy = promotionPolicy("oci:*", "oci:.*");

    PromoteResult result =
        custody.promote(staging, prod, release, PromoteOptions.builder().policy(policy).build());

    assertTrue(result.promoted());
    assertTrue(result.sourceCustody().orElseThrow().passed());
    AttestationReport report =
        custody.verifyAttestations(
            prod, VerifyOptions.builder().signers(policy.signers()).build(), "promotion");
    long withPolicy = 0;
    for (Evidence e : report.examined()) {
      JsonNode predicate = Json.read(e.content(), "predicate");
      if (predicate.path("policyDigest").asText().equals(policy.policyDigest().toString())) {
        withPolicy++;
      }
    }
    assertEquals(1, withPolicy);
    assertEquals(2, report.examined().size());
  }
}
