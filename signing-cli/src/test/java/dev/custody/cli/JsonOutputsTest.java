package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.core.testing.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * {@code --output json} for the commands whose documents no other test parses field by field:
 * each prints exactly one document on stdout, with exactly the fields of the README's example
 * (issue 6: "{@code --output json} with the schemas documented in the README"). The others are
 * checked by ReleaseEngineerReadmeTest (verify, tree), CustodyReadmeTest (attest,
 * verify-attestation, copy --promote, export, verify-custody, gate) and the command tests.
 */
class JsonOutputsTest {
  private static final Map<String, String> ENV =
      Map.of("CUSTODY_PASSWORD", GenerateKeyPairCommandTest.PASSWORD);

  @TempDir Path dir;

  private String layout(String name) {
    TestImages.Image image = TestImages.image(name);
    return TestImages.layoutReference(TestImages.writeLayout(dir.resolve(name), "v1", image), "v1");
  }

  @Test
  void readme_documentsTheJsonOfEveryCommand() {
    String readme = ReadmeJson.readme();
    List<String> undocumented = new ArrayList<>();
    for (Class<?> subcommand : Main.class.getAnnotation(Command.class).subcommands()) {
      String name = subcommand.getAnnotation(Command.class).name();
      if (!readme.matches("(?s).*`" + name + " --output json`(\\*\\*)? prints.*")) {
        undocumented.add(name);
      }
    }

    assertEquals(List.of(), undocumented);
  }

  @Test
  void digest_json_documentedFields() {
    String image = layout("json-digest");

    CliRun run = CliRun.of("--output", "json", "digest", image);

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = ReadmeJson.parse(run);
    ReadmeJson.assertSameShape(ReadmeJson.example("digest"), json, "digest");
    assertEquals(image, json.get("image").asText());
    assertEquals("application/vnd.oci.image.manifest.v1+json", json.get("mediaType").asText());
  }

  @Test
  void copy_json_documentedFieldsWithoutPromotion() {
    String image = layout("json-copy");

    CliRun run = CliRun.of("--output", "json", "copy", image, "oci:" + dir.resolve("dst") + ":v1");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = ReadmeJson.parse(run);
    JsonNode documented = ReadmeJson.example("copy").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) documented).remove("promotion"); // --promote only
    ReadmeJson.assertSameShape(documented, json, "copy");
    assertEquals(2, json.get("blobsCopied").asInt(), run.toString()); // the config and the layer
    assertEquals(0, json.get("attachments").asInt(), run.toString());
  }

  @Test
  void generateKeyPair_json_documentedFields() {
    CliRun run =
        CliRun.withEnv(ENV, "--output", "json", "generate-key-pair", "--output-key-prefix", dir.resolve("release").toString());

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = ReadmeJson.parse(run);
    ReadmeJson.assertSameShape(ReadmeJson.example("generate-key-pair"), json, "generate-key-pair");
    assertEquals(dir.resolve("release.key").toString(), json.get("privateKey").asText());
    assertTrue(json.get("certificate").isNull(), run.toString());
  }

  @Test
  void sign_json_documentedFields() {
    CliRun keys = CliRun.withEnv(ENV, "generate-key-pair", "--output-key-prefix", dir.resolve("release").toString());
    assertEquals(0, keys.exitCode(), keys.toString());
    String image = layout("json-sign");

    CliRun run = CliRun.withEnv(ENV, "--output", "json", "sign", "--key", dir.resolve("release.key").toString(), image);

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = ReadmeJson.parse(run);
    ReadmeJson.assertSameShape(ReadmeJson.example("sign"), json, "sign");
    assertEquals("cosign-sig", json.get("signatures").get(0).get("storage").asText());
    assertEquals(json.get("digest"), json.get("signatures").get(0).get("subject"));
  }

  @Test
  void demo_json_documentedFieldsAndBothVerdicts() {
    CliRun run = CliRun.of("--output", "json", "demo");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = ReadmeJson.parse(run);
    ReadmeJson.assertSameShape(ReadmeJson.example("demo"), json, "demo");
    assertEquals("pass", json.get("image").get("verdict").asText());
    assertEquals("fail", json.get("tampered").get("verdict").asText());
    JsonNode rejected = json.get("tampered").get("stages").get(0).get("rejected").get(0);
    ReadmeJson.assertSameShape(
        ReadmeJson.example("demo").get("tampered").get("stages").get(0).get("rejected").get(0),
        rejected,
        "demo.tampered.stages[0].rejected[0]");
    assertEquals("SUBJECT_MISMATCH", rejected.get("reason").asText());
  }
}
