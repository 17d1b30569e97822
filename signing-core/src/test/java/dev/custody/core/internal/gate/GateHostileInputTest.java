package dev.custody.core.internal.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.gate.FakeChecks.Counting;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile deployment input is refused cleanly, with the file and place, or handled within bounds.
 */
class GateHostileInputTest {
  @TempDir Path tmp;

  private Path write(String content) throws Exception {
    return Files.writeString(tmp.resolve("d.yaml"), content, StandardCharsets.UTF_8);
  }

  private InvalidInputException refused(String content, GateOptions options) throws Exception {
    Path file = write(content);
    Counting check = new Counting(Set.of());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> FakeChecks.gate(check, options).run(List.of(file)));
    assertEquals(0, check.total(), "nothing is checked when the input is refused");
    return e;
  }

  private String where() {
    return "read deployment " + tmp.resolve("d.yaml") + ": ";
  }

  @Test
  void emptyImageString_refused() throws Exception {
    InvalidInputException e =
        refused(
            "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: ''\n",
            GateOptions.defaults());
    assertEquals(
        where() + "document 0, line 5, spec.containers[0].image: the image is empty",
        e.getMessage());
    InvalidInputException nullImage =
        refused(
            "kind: Pod\nspec:\n  containers:\n  - name: a\n    image:\n", GateOptions.defaults());
    assertEquals(
        where() + "document 0, line 5, spec.containers[0].image: the image is empty",
        nullImage.getMessage());
  }

  @Test
  void hugeImageString_refusedWithoutEchoingIt() throws Exception {
    String huge = "registry.example.com/" + "a".repeat(1024 * 1024);
    InvalidInputException e =
        refused(
            "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: " + huge + "\n",
            GateOptions.defaults());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(
        where()
            + "document 0, line 5, spec.containers[0].image: the image is "
            + huge.length()
            + " characters long (expected at most 1024)",
        e.getMessage());
  }

  @Test
  void twentyThousandContainers_handledWithinBoundsAndOneCheck() throws Exception {
    StringBuilder yaml = new StringBuilder("kind: Pod\nspec:\n  containers:\n");
    for (int i = 0; i < 20_000; i++) {
      yaml.append("  - {name: c").append(i).append(", image: registry.example.com/app:1}\n");
    }
    Path file = write(yaml.toString());
    Counting check = new Counting(Set.of("registry.example.com/app"));

    GateReport report = FakeChecks.gate(check, GateOptions.builder().pin(true).build())
        .run(List.of(file));

    assertTrue(report.passed());
    assertEquals(1, check.total());
    assertEquals(20_000, report.images().get(0).locations().size());
    assertEquals(20_000, report.pinned().get(0).replaced());
  }

  @Test
  void moreContainersThanTheBound_refused() throws Exception {
    StringBuilder yaml = new StringBuilder("kind: Pod\nspec:\n  containers:\n");
    for (int i = 0; i < 20_000; i++) {
      yaml.append("  - {name: c").append(i).append(", image: app:1}\n");
    }
    InvalidInputException e =
        refused(yaml.toString(), GateOptions.builder().maxContainers(10_000).build());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(
        where() + "document 0 (line 1): more than 10000 containers; refusing the input",
        e.getMessage());
  }

  @Test
  void malformedYaml_refusedWithLine() throws Exception {
    InvalidInputException e =
        refused(
            "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: app:1\n   bad: [unclosed\n",
            GateOptions.defaults());
    assertEquals(Reason.INVALID_INPUT, e.reason());
    assertTrue(e.getMessage().startsWith(where() + "line 6: malformed YAML: "), e.getMessage());
  }

  @Test
  void malformedYamlInLaterDocument_refusedWithItsLine() throws Exception {
    InvalidInputException e =
        refused(
            "kind: Service\n---\nkind: Pod\nspec: {containers: [{image: 'a:1'}\n---\n",
            GateOptions.defaults());
    assertEquals(
        where()
            + "line 5: malformed YAML: while parsing a flow sequence: expected ',' or ']', but got"
            + " <document start>",
        e.getMessage());
  }

  @Test
  void billionLaughs_aliasesNeverExpanded() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "kind: ConfigMap\n"
                + "data:\n"
                + "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("  l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("---\nkind: Pod\nspec: {containers: [{name: a, image: app:1}]}\n");
    Counting check = new Counting(Set.of("docker.io/library/app"));
    GateReport report =
        FakeChecks.gate(check, GateOptions.builder().pin(true).build())
            .run(List.of(write(yaml.toString())));
    assertTrue(report.passed());
    assertEquals(1, report.images().size());
  }

  @Test
  void billionLaughsThroughLists_boundedByTheDocumentLimit() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "kind: List\nx-pod: &p0 {kind: Pod, spec: {containers: [{image: app:1}]}}\n");
    for (int i = 1; i <= 7; i++) {
      yaml.append("x-l").append(i).append(": &p").append(i).append(" {kind: List, items: [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*p").append(i - 1);
      }
      yaml.append("]}\n");
    }
    yaml.append("items: [*p7]\n");
    InvalidInputException e = refused(yaml.toString(), GateOptions.defaults());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(
        where()
            + "document 0 (line 1): more than 10000 documents (including List items); refusing the"
            + " input",
        e.getMessage());
  }

  @Test
  void mergeKeyBomb_boundedByMergeSteps() throws Exception {
    StringBuilder yaml = new StringBuilder("kind: Pod\nx0: &m0 {a: 1}\n");
    for (int i = 1; i <= 12; i++) {
      yaml.append("x").append(i).append(": &m").append(i).append(" {<<: [");
      for (int j = 0; j < 8; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*m").append(i - 1);
      }
      yaml.append("]}\n");
    }
    yaml.append("spec:\n  <<: *m12\n");
    InvalidInputException e = refused(yaml.toString(), GateOptions.defaults());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage()
            .endsWith(
                "more than 100000 merge-key (<<) lookups in one document; refusing the input"),
        e.getMessage());
  }

  @Test
  void tooManyDocuments_refused() throws Exception {
    InvalidInputException e =
        refused("kind: Service\n---\n".repeat(11), GateOptions.builder().maxDocuments(10).build());
    assertEquals(
        where()
            + "document 10 (line 21): more than 10 documents (including List items); refusing the"
            + " input",
        e.getMessage());
  }

  @Test
  void tooManyBytes_refused() throws Exception {
    InvalidInputException e =
        refused("kind: Service\n".repeat(100), GateOptions.builder().maxBytes(1000).build());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(where() + "the files together are larger than 1000 bytes", e.getMessage());
  }

  @Test
  void deepNesting_refused() throws Exception {
    InvalidInputException e =
        refused(
            "kind: Pod\nx: " + "[".repeat(500) + "]".repeat(500) + "\n", GateOptions.defaults());
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().startsWith(where()), e.getMessage());
  }

  @Test
  void recursiveAlias_refused() throws Exception {
    InvalidInputException e =
        refused("kind: List\nitems: &loop [{kind: List, items: *loop}]\n", GateOptions.defaults());
    assertEquals(
        where() + "line 2: alias *loop names no anchor defined before it in this document",
        e.getMessage());
  }

  @Test
  void notUtf8_refused() throws Exception {
    Path file =
        Files.write(
            tmp.resolve("d.yaml"),
            new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28});
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> FakeChecks.gate(new Counting(Set.of()), GateOptions.defaults())
                .run(List.of(file)));
    assertEquals(where() + "not UTF-8 text", e.getMessage());
  }

  @Test
  void missingFile_refusedWithIoReason() {
    Path file = tmp.resolve("none.yaml");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> FakeChecks.gate(new Counting(Set.of()), GateOptions.defaults())
                .run(List.of(file)));
    assertEquals(Reason.IO, e.reason());
    assertEquals("read deployment " + file + ": no such file", e.getMessage());
  }
}
