package dev.custody.core.internal.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.internal.gate.FakeChecks.Counting;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning changes the image values and nothing else: comments, anchors, tags, odd indentation,
 * quoting styles, flow style, line endings, non-ASCII text and unrelated documents come back byte
 * for byte.
 */
class PinRoundTripTest {
  static final Set<String> ALL =
      Set.of(
          "registry.example.com/a",
          "registry.example.com/b",
          "registry.example.com/c",
          "registry.example.com/d",
          "registry.example.com/e",
          "registry.example.com/f",
          "docker.io/library/nginx",
          "registry.example.com/g",
          "registry.example.com/h");

  /** Every image is written differently; {@code %a} etc. mark where the pinned value goes. */
  static final String TEMPLATE =
      "%YAML 1.1\n"
          + "--- # first: a Deployment with everything\n"
          + "apiVersion:   apps/v1   # odd spacing kept\n"
          + "kind: Deployment\n"
          + "metadata:\n"
          + "    name: \"web\"   # four-space indent\n"
          + "    labels: &labels {app: web, tier: 'front'}\n"
          + "spec:\n"
          + "    template:\n"
          + "        metadata: {labels: *labels}\n"
          + "        spec:\n"
          + "          containers:\n"
          + "          -   name: plain          # plain scalar, comment after\n"
          + "              image: %a   # trailing comment\n"
          + "          - name: single\n"
          + "            image: %b\n"
          + "          - name: double\n"
          + "            image: %c\n"
          + "          - {name: flow, image: %d, ports: [{containerPort: 80}]}\n"
          + "          - name: anchored\n"
          + "            image: &shared %e\n"
          + "          - name: aliased\n"
          + "            image: *shared\n"
          + "          - name: tagged\n"
          + "            image: !!str %f\n"
          + "          initContainers:\n"
          + "          - name: short       # 'nginx' stays nginx, not docker.io/library/nginx\n"
          + "            image: %g\n"
          + "          - name: block\n"
          + "            image: |-\n"
          + "              %h\n"
          + "            args: [\"--greeting=Grüße 😀\"]\n"
          + "...\n"
          + "---\n"
          + "# an unrelated document, untouched\n"
          + "kind: ConfigMap\n"
          + "data:\n"
          + "  image: not-pinned:1   # not a container image field\n"
          + "  script: >\n"
          + "    folded text\n"
          + "    stays\n"
          + "---\n"
          + "kind: Pod\n"
          + "spec:\n"
          + "  containers:\n"
          + "  - name: last\n"
          + "    image: \"%i\"\n";

  static final String[][] IMAGES = {
    {"%a", "registry.example.com/a:1", "registry.example.com/a@%s"},
    {"%b", "'registry.example.com/b:2'", "'registry.example.com/b@%s'"},
    {"%c", "\"registry.example.com/c:3\"", "\"registry.example.com/c@%s\""},
    {"%d", "registry.example.com/d:4", "registry.example.com/d@%s"},
    {"%e", "registry.example.com/e:5", "registry.example.com/e@%s"},
    {"%f", "registry.example.com/f:6", "registry.example.com/f@%s"},
    {"%g", "nginx", "nginx@%s"},
    {"%h", "registry.example.com/h:8", "\"registry.example.com/h@%s\""},
  };

  @TempDir Path tmp;

  private static String original(String lineBreak) {
    String text = TEMPLATE.replace("%i", "registry.example.com/a:1");
    for (String[] image : IMAGES) {
      text = text.replace(image[0], image[1]);
    }
    return text.replace("\n", lineBreak);
  }

  private static String expected(String lineBreak) {
    String text =
        TEMPLATE.replace("%i", "registry.example.com/a@" + digest("registry.example.com/a:1"));
    for (String[] image : IMAGES) {
      String written = image(image);
      String pinned = image[2].replace("%s", digest(written).toString());
      if (image[0].equals("%h")) {
        // the block scalar becomes a double-quoted scalar on the indicator's line
        text = text.replace("|-\n              %h", pinned);
      } else {
        text = text.replace(image[0], pinned);
      }
    }
    return text.replace("\n", lineBreak);
  }

  private static String image(String[] image) {
    return image[1].replace("'", "").replace("\"", "");
  }

  private static Digest digest(String written) {
    return Counting.digestOf(ImageReference.parse(written));
  }

  private GateReport pin(String content, String name) throws Exception {
    Path file = Files.write(tmp.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    return FakeChecks.gate(new Counting(ALL), GateOptions.builder().pin(true).build())
        .run(List.of(file));
  }

  @Test
  void commentsAnchorsIndentationAndDocuments_byteIdenticalExceptImages() throws Exception {
    GateReport report = pin(original("\n"), "d.yaml");
    assertTrue(report.passed(), report.failures().toString());
    assertEquals(expected("\n"), report.pinned().get(0).content());
    // ten occurrences; the aliased one is its anchor's scalar, so nine scalars are rewritten
    assertEquals(9, report.pinned().get(0).replaced());
  }

  @Test
  void crlfLineEndings_kept() throws Exception {
    GateReport report = pin(original("\r\n"), "crlf.yaml");
    assertArrayEquals(
        expected("\r\n").getBytes(StandardCharsets.UTF_8),
        report.pinned().get(0).content().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void byteOrderMark_kept() throws Exception {
    GateReport report = pin("\uFEFF" + original("\n"), "bom.yaml");
    assertEquals("\uFEFF" + expected("\n"), report.pinned().get(0).content());
  }

  @Test
  void pinnedOutput_isStableWhenPinnedAgain() throws Exception {
    String once = pin(original("\n"), "once.yaml").pinned().get(0).content();
    // the pinned images carry digests now: the fake returns the same digests, nothing changes
    assertEquals(once, pin(once, "twice.yaml").pinned().get(0).content());
  }

  @Test
  void plainSafety_referencesThatReadAsOtherTypesAreQuoted() {
    assertTrue(ScalarSplice.isPlainSafe("nginx@sha256:" + "0".repeat(64)));
    assertTrue(!ScalarSplice.isPlainSafe("[::1]:5000/app@sha256:" + "0".repeat(64)));
    assertTrue(!ScalarSplice.isPlainSafe("true"));
    assertEquals("\"a\\\"b\\\\c\\u0001\"", ScalarSplice.doubleQuoted("a\"b\\c\u0001"));
  }
}
