package dev.custody.core.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.internal.gate.FakeChecks.Counting;
import dev.custody.gate.GateImage;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.oci.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GateProperties {
  /** Spellings of a few images; some spell the same normalised reference differently. */
  private static final List<String> SPELLINGS =
      List.of(
          "nginx",
          "docker.io/library/nginx:latest",
          "'nginx:latest'",
          "registry.example.com/web:2.1",
          "\"registry.example.com/web:2.1\"",
          "registry.example.com/proxy:3",
          "localhost:5000/app:v1",
          "registry.example.com/job@sha256:" + "ab".repeat(32));

  private static final Set<String> SIGNED =
      Set.of(
          "docker.io/library/nginx",
          "registry.example.com/web",
          "registry.example.com/job",
          "localhost:5000/app");

  private static Arbitrary<String> image() {
    return Arbitraries.of(SPELLINGS);
  }

  private static Arbitrary<String> document() {
    Arbitrary<String> pod =
        image().map(i -> "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: " + i + "\n");
    Arbitrary<String> deployment =
        Combinators.combine(image(), image())
            .as(
                (a, b) ->
                    "# a deployment\nkind: Deployment\nspec:\n  template:\n    spec:\n"
                        + "      initContainers: [{name: i, image: "
                        + a
                        + "}]\n"
                        + "      containers:\n      - name: m\n        image: "
                        + b
                        + "\n");
    Arbitrary<String> cronJob =
        image()
            .map(
                i ->
                    "kind: CronJob\n"
                        + "spec:\n"
                        + "  jobTemplate:\n"
                        + "    spec:\n"
                        + "      template:\n"
                        + "        spec:\n"
                        + "          containers: [{name: c, image: "
                        + i
                        + "}]\n");
    Arbitrary<String> aci =
        image()
            .map(
                i ->
                    "type: Microsoft.ContainerInstance/containerGroups\n"
                        + "properties:\n"
                        + "  containers:\n"
                        + "  - name: g\n"
                        + "    properties: {image: "
                        + i
                        + "}\n");
    Arbitrary<String> list =
        Combinators.combine(image(), image())
            .as(
                (a, b) ->
                    "kind: List\nitems:\n- kind: Pod\n  spec: {containers: [{name: x, image: "
                        + a
                        + "}]}\n"
                        + "- kind: Job\n  spec: {template: {spec: {containers: [{name: y, image: "
                        + b
                        + "}]}}}\n");
    Arbitrary<String> service = Arbitraries.just("kind: Service\nspec: {ports: [{port: 80}]}\n");
    return Arbitraries.oneOf(pod, deployment, cronJob, aci, list, service);
  }

  @Provide
  Arbitrary<List<String>> documents() {
    return document().list().ofMaxSize(8);
  }

  private static GateReport gate(List<String> documents, boolean pin) throws Exception {
    String yaml = String.join("---\n", documents);
    return FakeChecks.gate(new Counting(SIGNED), GateOptions.builder().pin(pin).build())
        .runText(Path.of("p.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** Each image with how often it occurs and its verdict; sorted, so comparable. */
  private static Map<String, String> summary(GateReport report) {
    Map<String, String> out = new TreeMap<>();
    for (GateImage image : report.images()) {
      out.put(
          image.reference().toString(),
          image.locations().size() + " " + image.verdict() + " " + image.digest());
    }
    return out;
  }

  @Property(tries = 200)
  void extractedImages_doNotDependOnDocumentOrder(
      @ForAll("documents") List<String> documents, @ForAll long seed) throws Exception {
    List<String> shuffled = new ArrayList<>(documents);
    Collections.shuffle(shuffled, new Random(seed));
    GateReport a = gate(documents, false);
    GateReport b = gate(shuffled, false);
    assertEquals(summary(a), summary(b));
    assertEquals(a.passed(), b.passed());
    assertEquals(a.skipped().size(), b.skipped().size());
  }

  @Property(tries = 200)
  void pinning_changesOnlyLinesWithImages(@ForAll("documents") List<String> documents)
      throws Exception {
    GateReport report = gate(documents, true);
    if (!report.passed()) {
      assertEquals(List.of(), report.pinned());
      return;
    }
    String original = String.join("---\n", documents);
    String[] before = original.split("\n", -1);
    String[] after = report.pinned().get(0).content().split("\n", -1);
    assertEquals(before.length, after.length);
    for (int i = 0; i < before.length; i++) {
      if (!before[i].equals(after[i])) {
        assertTrue(before[i].contains("image: "), before[i]);
        assertTrue(after[i].contains("@sha256:"), after[i]);
      }
    }
    // every image now names exactly the digest it was verified at, and nothing else
    Set<ImageReference> verified =
        report.images().stream()
            .map(i -> i.reference().pinned(i.digest().orElseThrow()))
            .collect(Collectors.toSet());
    Set<ImageReference> reread =
        gate(List.of(report.pinned().get(0).content()), false).images().stream()
            .map(GateImage::reference)
            .collect(Collectors.toSet());
    assertEquals(verified, reread);
  }
}
