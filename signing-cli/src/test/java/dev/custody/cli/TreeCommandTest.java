package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.tree.TreeFixtures;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.store.ArtifactStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code custody tree} on real layouts: cosign tags, referrers and the tag-schema index. */
class TreeCommandTest {
  @TempDir Path dir;
  private final TestImages.Image image = TestImages.image("tree-cli");

  private String layout() {
    TestImages.writeLayout(dir, "v1", image);
    return TestImages.layoutReference(dir, "v1");
  }

  private TreeFixtures.Attached attach(String reference) throws Exception {
    try (ArtifactStore store = Custody.builder().build().open(ImageReference.parse(reference))) {
      return TreeFixtures.attachAll(store, store.resolve("v1"));
    }
  }

  @Test
  void tree_unsignedImage_saysNothingIsAttached_exit0() throws Exception {
    String reference = layout();

    CliRun text = CliRun.of("tree", reference);
    CliRun json = CliRun.of("tree", "--output", "json", reference);

    assertEquals(0, text.exitCode(), text.toString());
    assertEquals("No attachments found for " + reference + " (" + image.digest() + ")\n", text.out());
    JsonNode doc = Json.read(Bytes.utf8(json.out()), "tree output");
    assertEquals(image.digest().toString(), doc.get("digest").asText());
    assertEquals(0, doc.get("attachments").size());
  }

  @Test
  void tree_everyKind_textTreeWithLayers() throws Exception {
    String reference = layout();
    TreeFixtures.Attached attached = attach(reference);

    CliRun run = CliRun.of("tree", reference);

    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals("Attachments of " + reference + " (" + image.digest() + "):", lines.get(0));
    assertEquals(
        "├── signature  cosign-tag  " + image.digest().toTagForm() + ".sig  " + attached.signatures().digest()
            + "  application/vnd.oci.image.config.v1+json",
        lines.get(1));
    assertEquals("│   ├── " + attached.signatures().layers().get(0).digest(), lines.get(2));
    assertEquals("│   └── " + attached.signatures().layers().get(1).digest(), lines.get(3));
    assertTrue(lines.get(4).startsWith("├── attestation  cosign-tag  " + image.digest().toTagForm() + ".att"), run.toString());
    assertTrue(lines.get(4).endsWith("predicate " + TreeFixtures.SLSA), run.toString());
    assertTrue(run.out().contains("signature  referrer  " + attached.notary().digest() + "  application/vnd.cncf.notary.signature\n"), run.toString());
    assertTrue(run.out().contains("└── sbom  referrer-tag-schema  " + attached.sbom().digest() + "  application/spdx+json\n"), run.toString());
  }

  @Test
  void tree_json_documentedFieldsForEveryAttachment() throws Exception {
    String reference = layout();
    TreeFixtures.Attached attached = attach(reference);

    CliRun run = CliRun.of("--output", "json", "tree", reference);

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode doc = Json.read(Bytes.utf8(run.out()), "tree output");
    assertEquals(reference, doc.get("image").asText());
    JsonNode all = doc.get("attachments");
    assertEquals(5, all.size(), run.toString());
    for (JsonNode a : all) {
      for (String field : List.of("kind", "storage", "digest", "artifactType", "tag", "predicateType", "layers")) {
        assertTrue(a.has(field), field + " missing in " + a);
      }
    }
    JsonNode sig = all.get(0);
    assertEquals("signature", sig.get("kind").asText());
    assertEquals("cosign-tag", sig.get("storage").asText());
    assertEquals(image.digest().toTagForm() + ".sig", sig.get("tag").asText());
    assertEquals(attached.signatures().digest().toString(), sig.get("digest").asText());
    assertEquals(2, sig.get("layers").size());
    assertTrue(sig.get("predicateType").isNull());
    JsonNode sbom = all.get(4);
    assertEquals("sbom", sbom.get("kind").asText());
    assertEquals("referrer-tag-schema", sbom.get("storage").asText());
    assertTrue(sbom.get("tag").isNull());
  }

  @Test
  void tree_missingTag_exit3WithHint() {
    layout();

    CliRun run = CliRun.of("tree", TestImages.layoutReference(dir, "v9"));

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("hint: check the reference"), run.toString());
  }
}
