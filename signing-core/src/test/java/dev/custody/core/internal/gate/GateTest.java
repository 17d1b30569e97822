package dev.custody.core.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.gate.FakeChecks.Counting;
import dev.custody.core.internal.gate.FakeChecks.MovingTags;
import dev.custody.gate.GateImage;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateVerdict;
import dev.custody.gate.ImageLocation;
import dev.custody.gate.SkippedDocument;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
  static final String WEB = "registry.example.com/team/web";
  static final String MIGRATE = "registry.example.com/team/migrate";
  static final String PROXY = "registry.example.com/team/proxy";

  static final String DEPLOY =
      "# the web tier\n"
          + "apiVersion: apps/v1\n"
          + "kind: Deployment\n"
          + "metadata:\n"
          + "  name: web\n"
          + "spec:\n"
          + "  template:\n"
          + "    spec:\n"
          + "      initContainers:\n"
          + "        - name: migrate\n"
          + "          image: registry.example.com/team/migrate:1.0\n"
          + "      containers:\n"
          + "        - name: web\n"
          + "          image: registry.example.com/team/web:2.1\n"
          + "        - name: sidecar\n"
          + "          image: registry.example.com/team/proxy:3\n"
          + "---\n"
          + "apiVersion: v1\n"
          + "kind: Service\n"
          + "metadata: {name: web}\n"
          + "spec: {ports: [{port: 80}]}\n"
          + "---\n"
          + "apiVersion: batch/v1\n"
          + "kind: CronJob\n"
          + "metadata: {name: report}\n"
          + "spec:\n"
          + "  schedule: \"0 * * * *\"\n"
          + "  jobTemplate:\n"
          + "    spec:\n"
          + "      template:\n"
          + "        spec:\n"
          + "          containers:\n"
          + "          - name: report\n"
          + "            image: registry.example.com/team/web:2.1\n"
          + "          restartPolicy: Never\n";

  static final String ACI =
      "apiVersion: 2021-10-01\n"
          + "location: westeurope\n"
          + "name: payments\n"
          + "properties:\n"
          + "  initContainers:\n"
          + "  - name: migrate\n"
          + "    properties:\n"
          + "      image: registry.example.com/team/migrate:1.0\n"
          + "  containers:\n"
          + "  - name: web\n"
          + "    properties:\n"
          + "      image: registry.example.com/team/web:2.1\n"
          + "      resources:\n"
          + "        requests: {cpu: 1.0, memoryInGB: 1.5}\n"
          + "  - name: proxy\n"
          + "    properties:\n"
          + "      image: \"registry.example.com/team/proxy:3\"\n"
          + "  osType: Linux\n"
          + "type: Microsoft.ContainerInstance/containerGroups\n";

  @TempDir Path tmp;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static GateImage image(GateReport report, String reference) {
    ImageReference wanted = ImageReference.parse(reference);
    return report.images().stream()
        .filter(i -> i.reference().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new AssertionError(reference + " not in " + report.images()));
  }

  @Test
  void signedAndUnsigned_failsNamingTheUnsignedImageWithItsLocation() throws Exception {
    Path file = write("deploy.yaml", DEPLOY);
    Counting check = new Counting(Set.of(WEB, MIGRATE));

    GateReport report = FakeChecks.gate(check, GateOptions.builder().pin(true).build())
        .run(List.of(file));

    assertFalse(report.passed());
    assertEquals(1, report.failures().size(), report.failures().toString());
    GateImage proxy = report.failures().get(0);
    assertEquals(ImageReference.parse(PROXY + ":3"), proxy.reference());
    assertEquals(GateVerdict.FAIL, proxy.verdict());
    assertEquals(List.of("no signatures found (NO_SIGNATURES)"), proxy.reasons());
    assertEquals(
        List.of(
            new ImageLocation(
                file,
                0,
                16,
                "spec.template.spec.containers[1].image",
                Optional.of("sidecar"),
                PROXY + ":3")),
        proxy.locations());
    assertEquals(
        file + ":16 (document 0) spec.template.spec.containers[1].image, container \"sidecar\"",
        proxy.locations().get(0).toString());
    // a failing gate never produces deployable output
    assertEquals(List.of(), report.pinned());
    assertEquals(List.of(new SkippedDocument(file, 1, 18, "Service")), report.skipped());
  }

  @Test
  void sameImageManyTimes_checkedOnceWithEveryLocation() throws Exception {
    Path file = write("deploy.yaml", DEPLOY);
    Counting check = new Counting(Set.of(WEB, MIGRATE, PROXY));

    GateReport report =
        FakeChecks.gate(check, GateOptions.defaults()).run(List.of(file, write("aci.yaml", ACI)));

    assertTrue(report.passed());
    assertEquals(3, report.images().size());
    assertEquals(3, check.total(), check.calls.toString());
    assertEquals(1, check.callsFor(WEB + ":2.1"));
    GateImage web = image(report, WEB + ":2.1");
    assertEquals(
        List.of(
            "deploy.yaml 0 spec.template.spec.containers[0].image web",
            "deploy.yaml 2 spec.jobTemplate.spec.template.spec.containers[0].image report",
            "aci.yaml 0 properties.containers[0].properties.image web"),
        web.locations().stream()
            .map(
                l ->
                    l.file().getFileName()
                        + " "
                        + l.document()
                        + " "
                        + l.path()
                        + " "
                        + l.container().orElse("-"))
            .collect(Collectors.toList()));
  }

  @Test
  void allSigned_pinnedOutputNamesExactlyTheReturnedDigests() throws Exception {
    Path file = write("deploy.yaml", DEPLOY);
    Counting check = new Counting(Set.of(WEB, MIGRATE, PROXY));

    GateReport report = FakeChecks.gate(check, GateOptions.builder().pin(true).build())
        .run(List.of(file));

    assertTrue(report.passed());
    String pinned = report.pinned().get(0).content();
    String expected =
        DEPLOY
            .replace(
                MIGRATE + ":1.0",
                MIGRATE + "@" + Counting.digestOf(ImageReference.parse(MIGRATE + ":1.0")))
            .replace(
                WEB + ":2.1", WEB + "@" + Counting.digestOf(ImageReference.parse(WEB + ":2.1")))
            .replace(
                PROXY + ":3", PROXY + "@" + Counting.digestOf(ImageReference.parse(PROXY + ":3")));
    assertEquals(expected, pinned);
    assertEquals(4, report.pinned().get(0).replaced());
    for (GateImage i : report.images()) {
      assertEquals(Optional.of(Counting.digestOf(i.reference())), i.digest());
    }
  }

  @Test
  void tagMovedAfterVerification_pinnedOutputKeepsTheVerifiedDigest() throws Exception {
    Path file = write("deploy.yaml", DEPLOY);
    MovingTags registry = new MovingTags();

    GateReport report =
        FakeChecks.gate(registry, GateOptions.builder().pin(true).build()).run(List.of(file));

    assertTrue(report.passed());
    String pinned = report.pinned().get(0).content();
    for (String name : List.of(MIGRATE + ":1.0", WEB + ":2.1", PROXY + ":3")) {
      ImageReference ref = ImageReference.parse(name);
      assertEquals(1, registry.resolutions.get(ref).get(), "resolutions of " + name);
      assertEquals(Optional.of(MovingTags.first(ref)), image(report, name).digest());
      assertTrue(pinned.contains(ref.context() + "@" + MovingTags.first(ref)), pinned);
      // the tag has moved by now: resolving again would give another digest, which must not appear
      assertEquals(MovingTags.moved(ref), registry.resolve(ref));
      assertFalse(pinned.contains(MovingTags.moved(ref).toString()), pinned);
    }
    assertEquals(
        2, count(pinned, WEB + "@" + MovingTags.first(ImageReference.parse(WEB + ":2.1"))));
  }

  private static String pod(String... images) {
    StringBuilder yaml = new StringBuilder("kind: Pod\nspec:\n  containers:\n");
    for (int i = 0; i < images.length; i++) {
      yaml.append("  - name: c").append(i).append("\n    image: ").append(images[i]).append("\n");
    }
    return yaml.toString();
  }

  @Test
  void tagAndDigestOfOneImage_verifiedOnceBothPinnedToThatDigest() throws Exception {
    Digest d = Counting.digestOf(ImageReference.parse(WEB + ":2.1"));
    Counting check = new Counting(Set.of(WEB));

    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", pod(WEB + ":2.1", WEB + "@" + d))));

    assertTrue(report.passed(), report.failures().toString());
    assertEquals(1, check.total(), check.calls.toString());
    assertEquals(1, check.callsFor(WEB + "@" + d));
    assertEquals(1, check.resolutionsOf(WEB + ":2.1"));
    assertEquals(0, check.resolutionsOf(WEB + "@" + d), "a pinned reference is not resolved");
    assertEquals(2, report.images().size(), "each reference is reported with its own locations");
    for (GateImage i : report.images()) {
      assertEquals(Optional.of(d), i.digest());
    }
    assertEquals(pod(WEB + "@" + d, WEB + "@" + d), report.pinned().get(0).content());
  }

  @Test
  void twoTagsOfOneRepositoryNamingOneDigest_verifiedOnce() throws Exception {
    Digest d = FakeChecks.digest("web 2.1");
    Counting check = new Counting(Set.of(WEB));
    AtomicInteger resolutions = new AtomicInteger();
    ImageResolver registry =
        image -> {
          resolutions.incrementAndGet();
          return d;
        };

    GateReport report =
        new Gate(registry, check, GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", pod(WEB + ":2.1", WEB + ":stable", WEB + ":2.1"))));

    assertTrue(report.passed(), report.failures().toString());
    assertEquals(2, resolutions.get(), "each distinct tag is resolved once");
    assertEquals(1, check.total(), check.calls.toString());
    assertEquals(1, check.calls.get(ImageReference.parse(WEB + "@" + d)).get());
    assertEquals(
        pod(WEB + "@" + d, WEB + "@" + d, WEB + "@" + d), report.pinned().get(0).content());
  }

  @Test
  void sameDigestInTwoRepositories_verifiedOncePerRepository() throws Exception {
    Digest d = FakeChecks.digest("one manifest pushed twice");
    // attachments live in the repository: signed in web, not in proxy
    Counting check = new Counting(Set.of(WEB));

    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", pod(WEB + "@" + d, PROXY + "@" + d, WEB + "@" + d))));

    assertEquals(2, check.total(), check.calls.toString());
    assertEquals(1, check.callsFor(WEB + "@" + d));
    assertEquals(1, check.callsFor(PROXY + "@" + d));
    assertEquals(GateVerdict.PASS, image(report, WEB + "@" + d).verdict());
    assertEquals(GateVerdict.FAIL, image(report, PROXY + "@" + d).verdict());
    assertFalse(report.passed());
  }

  @Test
  void tagMovedBetweenResolutionAndEndOfRun_checkSeesOnlyTheResolvedDigest() throws Exception {
    MovingTags registry = new MovingTags();
    ImageReference web = ImageReference.parse(WEB + ":2.1");

    GateReport report =
        FakeChecks.gate(registry, GateOptions.builder().pin(true).build())
            .run(
                List.of(
                    write("p.yaml", pod(WEB + ":2.1", WEB + ":2.1")),
                    write("aci.yaml", ACI)));

    assertTrue(report.passed(), report.failures().toString());
    assertEquals(1, registry.resolutions.get(web).get());
    // the check was only ever given digests, so it could not resolve the moved tag again
    assertTrue(
        registry.checked.stream().allMatch(r -> r.tag().isEmpty() && r.digest().isPresent()),
        registry.checked.toString());
    assertTrue(registry.checked.contains(web.pinned(MovingTags.first(web))));
    assertEquals(MovingTags.moved(web), registry.resolve(web), "the tag has moved by now");
    String pinned = report.pinned().get(0).content() + report.pinned().get(1).content();
    assertEquals(3, count(pinned, WEB + "@" + MovingTags.first(web)), pinned);
    assertFalse(pinned.contains(MovingTags.moved(web).toString()), pinned);
  }

  @Test
  void checkVerifiedAnotherDigestThanTheTagResolvedTo_failsAndIsNotPinned() throws Exception {
    ImageCheck lying =
        image -> CheckOutcome.pass(FakeChecks.digest("something else"), List.of("signed"));
    GateReport report =
        FakeChecks.gate(lying, GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", pod(WEB + ":2.1"))));
    assertFalse(report.passed());
    assertEquals(
        "the check verified "
            + FakeChecks.digest("something else")
            + " but "
            + WEB
            + ":2.1 resolved to "
            + Counting.digestOf(ImageReference.parse(WEB + ":2.1")),
        report.failures().get(0).reasons().get(1));
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void aciContainerGroup_failsNamingTheUnsignedImageAndPinsWhenAllPass() throws Exception {
    Path file = write("aci.yaml", ACI);

    GateReport failed =
        FakeChecks.gate(new Counting(Set.of(WEB, MIGRATE)), GateOptions.builder().pin(true).build())
            .run(List.of(file));
    assertFalse(failed.passed());
    assertEquals(
        List.of("properties.containers[1].properties.image"),
        failed.failures().get(0).locations().stream()
            .map(ImageLocation::path)
            .collect(Collectors.toList()));
    assertEquals(Optional.of("proxy"), failed.failures().get(0).locations().get(0).container());

    Counting all = new Counting(Set.of(WEB, MIGRATE, PROXY));
    GateReport passed = FakeChecks.gate(all, GateOptions.builder().pin(true).build())
        .run(List.of(file));
    assertTrue(passed.passed());
    assertEquals(
        ACI.replace(
                MIGRATE + ":1.0",
                MIGRATE + "@" + Counting.digestOf(ImageReference.parse(MIGRATE + ":1.0")))
            .replace(
                WEB + ":2.1", WEB + "@" + Counting.digestOf(ImageReference.parse(WEB + ":2.1")))
            .replace(
                PROXY + ":3", PROXY + "@" + Counting.digestOf(ImageReference.parse(PROXY + ":3"))),
        passed.pinned().get(0).content());
  }

  @Test
  void aciMovedTag_pinsTheVerifiedDigest() throws Exception {
    Path file = write("aci.yaml", ACI);
    MovingTags registry = new MovingTags();
    GateReport report =
        FakeChecks.gate(registry, GateOptions.builder().pin(true).build()).run(List.of(file));
    ImageReference web = ImageReference.parse(WEB + ":2.1");
    assertTrue(
        report
            .pinned()
            .get(0)
            .content()
            .contains("image: " + WEB + "@" + MovingTags.first(web) + "\n"));
    assertEquals(1, registry.resolutions.get(web).get());
  }

  @Test
  void userSpelling_keptAndOnlyTheDigestAdded() throws Exception {
    String yaml =
        "kind: Pod\nspec:\n  containers:\n"
            + "  - {name: a, image: nginx}\n"
            + "  - {name: b, image: docker.io/library/nginx:latest}\n"
            + "  - {name: c, image: 'localhost:5000/app:v1'}\n";
    Counting check = new Counting(Set.of("docker.io/library/nginx", "localhost:5000/app"));
    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().pin(true).build())
            .run(List.of(write("pod.yaml", yaml)));

    Digest nginx = Counting.digestOf(ImageReference.parse("nginx"));
    Digest app = Counting.digestOf(ImageReference.parse("localhost:5000/app:v1"));
    assertEquals(
        1, check.callsFor("nginx"), "nginx and docker.io/library/nginx:latest are one image");
    assertEquals(
        "kind: Pod\nspec:\n  containers:\n"
            + "  - {name: a, image: nginx@"
            + nginx
            + "}\n"
            + "  - {name: b, image: docker.io/library/nginx@"
            + nginx
            + "}\n"
            + "  - {name: c, image: 'localhost:5000/app@"
            + app
            + "'}\n",
        report.pinned().get(0).content());
  }

  @Test
  void alreadyPinnedDigest_differentDigestFromCheck_fails() throws Exception {
    Digest written = FakeChecks.digest("what the file pins");
    String yaml =
        "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: "
            + WEB
            + ":2.1@"
            + written
            + "\n";
    ImageCheck lying =
        image -> CheckOutcome.pass(FakeChecks.digest("something else"), List.of("signed"));

    GateReport report =
        FakeChecks.gate(lying, GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", yaml)));

    assertFalse(report.passed());
    assertEquals(
        "the check verified "
            + FakeChecks.digest("something else")
            + " but the deployment names "
            + written,
        report.failures().get(0).reasons().get(1));
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void alreadyPinnedDigest_withTag_pinsToDigestOnly() throws Exception {
    Digest d = FakeChecks.digest("x");
    String yaml =
        "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: " + WEB + ":2.1@" + d + "\n";
    GateReport report =
        FakeChecks.gate(new Counting(Set.of(WEB)), GateOptions.builder().pin(true).build())
            .run(List.of(write("p.yaml", yaml)));
    assertEquals(
        "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: " + WEB + "@" + d + "\n",
        report.pinned().get(0).content());
  }

  @Test
  void tagCannotBeResolved_errorVerdictFailsClosedWithoutChecking() throws Exception {
    ImageResolver unreachable =
        image -> {
          throw new StoreException(
              Reason.NOT_FOUND, "resolve " + image + ": manifest unknown", null);
        };
    Counting check = new Counting(Set.of(WEB, MIGRATE, PROXY));
    GateReport report =
        new Gate(unreachable, check, GateOptions.builder().pin(true).build())
            .run(List.of(write("d.yaml", DEPLOY)));

    assertEquals(0, check.total(), "nothing unresolved is checked");

    assertFalse(report.passed());
    assertEquals(3, report.failures().size());
    GateImage web = image(report, WEB + ":2.1");
    assertEquals(GateVerdict.ERROR, web.verdict());
    assertEquals(Optional.of(Reason.NOT_FOUND), web.error());
    assertEquals(List.of("resolve " + WEB + ":2.1: manifest unknown"), web.reasons());
    assertEquals(Optional.empty(), web.digest());
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void checkCannotReachImage_errorVerdictFailsClosed() throws Exception {
    ImageCheck unreachable =
        image -> {
          throw new StoreException(Reason.IO, "read referrers of " + image + ": timed out", null);
        };
    GateReport report =
        FakeChecks.gate(unreachable, GateOptions.builder().pin(true).build())
            .run(List.of(write("d.yaml", DEPLOY)));

    assertFalse(report.passed());
    assertEquals(3, report.failures().size());
    GateImage web = image(report, WEB + ":2.1");
    assertEquals(GateVerdict.ERROR, web.verdict());
    assertEquals(Optional.of(Reason.IO), web.error());
    Digest resolved = Counting.digestOf(ImageReference.parse(WEB + ":2.1"));
    assertEquals(
        List.of("read referrers of " + WEB + "@" + resolved + ": timed out"), web.reasons());
    assertEquals(List.of(), report.pinned());
  }

  @Test
  void checkWithBug_runtimeExceptionPropagatesInsteadOfAVerdict() throws Exception {
    ImageCheck buggy =
        image -> {
          throw new IllegalStateException("bug in check");
        };
    Path file = write("d.yaml", DEPLOY);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> FakeChecks.gate(buggy, GateOptions.defaults()).run(List.of(file)));
    assertEquals("bug in check", e.getMessage());
  }

  @Test
  void distinctImages_checkedConcurrentlyWithinTheBound() throws Exception {
    StringBuilder yaml = new StringBuilder("kind: Pod\nspec:\n  containers:\n");
    for (int i = 0; i < 6; i++) {
      yaml.append("  - {name: c")
          .append(i)
          .append(", image: 'registry.example.com/app")
          .append(i)
          .append(":1'}\n");
    }
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);
    ImageCheck check =
        image -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            twoRunning.countDown();
            // Only returns "together" if a second check runs at the same time; the timeout only
            // keeps a broken (sequential) gate from hanging the build, it asserts nothing.
            boolean together = twoRunning.await(60, TimeUnit.SECONDS);
            return together
                ? CheckOutcome.pass(image.digest().orElseThrow(), List.of())
                : CheckOutcome.fail(Optional.empty(), List.of("ran alone"));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          } finally {
            inFlight.decrementAndGet();
          }
        };

    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().concurrency(2).build())
            .run(List.of(write("p.yaml", yaml.toString())));

    assertTrue(report.passed(), report.failures().toString());
    assertEquals(6, report.images().size());
    assertEquals(2, maxInFlight.get());
  }

  @Test
  void callerExecutor_runsEveryResolutionAndCheck() throws Exception {
    AtomicInteger tasks = new AtomicInteger();
    Executor direct =
        r -> {
          tasks.incrementAndGet();
          r.run();
        };
    Counting check = new Counting(Set.of(WEB, MIGRATE, PROXY));
    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().executor(direct).build())
            .run(List.of(write("d.yaml", DEPLOY)));
    assertTrue(report.passed());
    assertEquals(6, tasks.get(), "three tags resolved, three digests checked");
  }

  @Test
  void output_joinsFilesIntoOneStreamWrittenOnlyWhenAllPass() throws Exception {
    Path out = tmp.resolve("pinned.yaml");
    Path deploy = write("deploy.yaml", DEPLOY);
    Path aci = write("aci.yaml", ACI.substring(0, ACI.length() - 1)); // no final line break
    Path pod =
        write(
            "pod.yaml",
            "%YAML 1.1\n---\nkind: Pod\nspec: {containers: [{name: w, image: '"
                + WEB
                + ":2.1'}]}\n");
    GateOptions options = GateOptions.builder().pin(true).output(out).build();

    GateReport failed = FakeChecks.gate(new Counting(Set.of(WEB)), options)
        .run(List.of(deploy, aci, pod));
    assertFalse(failed.passed());
    assertFalse(Files.exists(out));

    GateReport report =
        FakeChecks.gate(new Counting(Set.of(WEB, MIGRATE, PROXY)), options)
            .run(List.of(deploy, aci, pod));
    String written = Files.readString(out);
    assertEquals(
        report.pinned().get(0).content()
            + "---\n"
            + report.pinned().get(1).content()
            + "\n...\n"
            + report.pinned().get(2).content(),
        written);
    // the joined stream is itself a valid deployment with the same pinned images
    GateReport reread =
        FakeChecks.gate(new Counting(Set.of(WEB, MIGRATE, PROXY)), GateOptions.defaults())
            .run(List.of(out));
    assertEquals(
        report.images().stream()
            .map(i -> i.reference().pinned(i.digest().orElseThrow()))
            .collect(Collectors.toSet()),
        reread.images().stream().map(GateImage::reference).collect(Collectors.toSet()));
    try (var files = Files.list(tmp)) {
      assertEquals(
          Set.of("deploy.yaml", "aci.yaml", "pod.yaml", "pinned.yaml"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
          "no temporary file is left behind");
    }
  }

  @Test
  void runText_readsInMemoryInput() throws Exception {
    GateReport report =
        FakeChecks.gate(new Counting(Set.of()), GateOptions.defaults())
            .runText(
                Path.of("-"),
                "kind: Pod\nspec: {containers: [{image: nginx}]}\n"
                    .getBytes(StandardCharsets.UTF_8));
    assertEquals(Path.of("-"), report.failures().get(0).locations().get(0).file());
    assertEquals(Optional.empty(), report.failures().get(0).locations().get(0).container());
  }

  @Test
  void noImages_passesVacuouslyAndListsSkippedDocuments() throws Exception {
    GateReport report =
        FakeChecks.gate(new Counting(Set.of()), GateOptions.builder().pin(true).build())
            .run(
                List.of(
                    write(
                        "svc.yaml",
                        "kind: Service\nmetadata: {name: a}\n---\n# nothing\n---\n- a list\n")));
    assertTrue(report.passed());
    assertEquals(
        List.of(
            new SkippedDocument(tmp.resolve("svc.yaml"), 0, 1, "Service"),
            new SkippedDocument(tmp.resolve("svc.yaml"), 2, 6, "")),
        report.skipped());
    assertEquals(
        "kind: Service\nmetadata: {name: a}\n---\n# nothing\n---\n- a list\n",
        report.pinned().get(0).content());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
