package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.RegistryFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Attestations and promotion" and "Verifier" sections: the command blocks (the
 * custody flow, verify-custody and export, then the deployment gate) run as written, in order, each
 * with the exit code its comment states, on the local registry ({@code staging.example/payments-api}
 * and {@code prod.example/payments-api} become two of its repositories, and the policy's scope,
 * source pattern and the deployment YAML follow), with files in a temporary directory. The clock
 * and {@code date -u +%FT%TZ} are pinned to {@link #NOW}, months after the example predicates'
 * fixed dates: the flow stamps the scan and the approvals with the current time, so it passes
 * whenever someone follows it. The policy and the deployment files are the README's YAML blocks as
 * written; the JSON examples have exactly the fields the commands print.
 */
class CustodyReadmeTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit (\\d)\\s*$");
  /** {@code sed "s/PATTERN/$now/g" SOURCE > TARGET}, as the README stamps predicates. */
  private static final Pattern SED =
      Pattern.compile("sed \"s/([^/]+)/\\$now/g\" (\\S+) > (\\S+)");
  static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

  @TempDir Path dir;
  final String staging = REGISTRY.hostPort() + "/" + REGISTRY.uniqueRepository("staging");
  final String prod = REGISTRY.hostPort() + "/" + REGISTRY.uniqueRepository("prod");
  final Map<String, CliRun> jsonOutputs = new HashMap<>();
  private final List<CliRun> gateRuns = new ArrayList<>();
  private String password;
  private String now;

  private static String section(String heading) throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf(heading);
    assertTrue(start >= 0, "README has no section " + heading);
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static List<String> blocks(String text, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void readmeCustodyFlow_runsAsWrittenWithTheStatedExitCodesAndDocumentedJson() throws Exception {
    String release = section("### Attestations and promotion");
    String verifier = section("## Verifier");
    String policy =
        blocks(verifier, "yaml")
            .get(0)
            .replace("prod.example/*", REGISTRY.hostPort() + "/test/prod-*")
            .replace(
                "staging\\.example/.*",
                REGISTRY.hostPort().replace(".", "\\.") + "/test/staging-.*");
    Files.writeString(dir.resolve("payments-prod.yaml"), policy);

    int commands = run(blocks(release, "sh").get(0)) + run(blocks(verifier, "sh").get(0));

    assertEquals(21, commands);
    assertTrue(Files.readString(dir.resolve("scan.json")).contains("\"scanFinishedOn\": \"" + NOW + "\""));
    List<String> releaseJson = blocks(release, "json");
    sameFields(releaseJson.get(0), output("attest"), "attestations");
    sameFields(releaseJson.get(1), output("verify-attestation"), "attestations");
    JsonNode copyExample = Json.read(Bytes.utf8(releaseJson.get(2)), "README copy example");
    JsonNode promoted = Json.read(Bytes.utf8(output("copy").out()), "copy output");
    assertEquals(fields(copyExample), fields(promoted));
    Set<String> withPolicy = fields(promoted.get("promotion"));
    withPolicy.addAll(Set.of("policy", "policyDigest")); // the example shows --policy's two fields
    assertEquals(fields(copyExample.get("promotion")), withPolicy);
    sameFields(blocks(verifier, "json").get(0), output("export"), null);
    JsonNode report = Json.read(Bytes.utf8(output("verify-custody").out()), "report");
    assertEquals(
        Set.of(
            "image",
            "digest",
            "policy",
            "policyDigest",
            "evaluatedAt",
            "verdict",
            "stages",
            "platforms",
            "unmatched"),
        fields(report));
    assertEquals("pass", report.get("verdict").asText());
    assertEquals(NOW.toString(), report.get("evaluatedAt").asText());

    gateBlock_runsAsWrittenAndPinsTheVerifiedDigest(promoted.get("digest").asText());
  }

  /** The deployment gate's block, on the state the two blocks above left. */
  private void gateBlock_runsAsWrittenAndPinsTheVerifiedDigest(String digest) throws Exception {
    String gate = section("### The deployment gate");
    List<String> yaml = blocks(gate, "yaml");
    String deploy = yaml.get(0).replace("prod.example/payments-api", prod);
    String aci = yaml.get(1).replace("prod.example/payments-api", prod);
    Files.writeString(dir.resolve("deploy.yaml"), deploy);
    Files.writeString(dir.resolve("aci.yaml"), aci);

    int commands = run(blocks(gate, "sh").get(0));

    assertEquals(6, commands);
    String tagged = prod + ":1.4";
    String pinned = prod + "@" + digest;
    assertEquals(deploy.replace(tagged, pinned), Files.readString(dir.resolve("deploy.pinned.yaml")));
    assertEquals(aci.replace(tagged, pinned), Files.readString(dir.resolve("aci.pinned.yaml")));
    JsonNode report = Json.read(Bytes.utf8(output("gate").out()), "gate output");
    ReadmeJson.assertSameShape(ReadmeJson.example("gate"), report, "gate");
    assertEquals("pass", report.get("verdict").asText());
    assertEquals(1, report.get("images").size(), "one distinct image, verified once");
    assertEquals(digest, report.get("images").get(0).get("digest").asText());
    assertEquals(3, report.get("images").get(0).get("locations").size());
    CliRun unsigned = gateRuns.get(3);
    assertTrue(unsigned.err().contains("custody: 1 image(s) did not pass the gate:"), unsigned.toString());
    assertTrue(
        unsigned.err().contains(" line 14 spec.template.spec.containers[0].image (container api)"),
        unsigned.toString());
  }

  /** What the README's {@code sed} line does: every match of the pattern becomes {@code $now}. */
  private void stamp(String pattern, String source, String target) {
    try {
      String text = Files.readString(Path.of("..").resolve(source));
      String stamped = Pattern.compile(pattern).matcher(text).replaceAll(now);
      assertTrue(!stamped.equals(text), "the pattern " + pattern + " matches nothing in " + source);
      Files.writeString(dir.resolve(target), stamped);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private CliRun output(String command) {
    CliRun run = jsonOutputs.get(command);
    assertTrue(run != null, "the README runs no --output json " + command);
    return run;
  }

  private int run(String block) {
    int commands = 0;
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    for (String line : block.lines().toList()) {
      if (line.startsWith("export CUSTODY_PASSWORD=")) {
        password = line.substring(line.indexOf('=') + 1).replace("'", "");
        continue;
      }
      if (line.equals("now=$(date -u +%FT%TZ)")) {
        now = NOW.toString(); // date -u +%FT%TZ prints 2027-03-01T12:00:00Z, as Instant does
        continue;
      }
      Matcher sed = SED.matcher(line);
      if (sed.matches()) {
        assertTrue(now != null, "the README uses $now before setting it: " + line);
        stamp(sed.group(1), sed.group(2), sed.group(3));
        continue;
      }
      assertTrue(line.startsWith("./custody "), "unexpected line in the README block: " + line);
      Matcher exit = EXIT.matcher(line);
      int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
      String[] args = relocate(exit.replaceFirst(""));
      Map<String, String> environment =
          password == null ? Map.of() : Map.of("CUSTODY_PASSWORD", password);
      CliRun run =
          CliRun.with(
              options -> Custody.builder().storeOptions(options).clock(clock).build(),
              CliRun.terminal(environment, ""),
              args);
      assertEquals(expected, run.exitCode(), line + "\n" + run);
      if (args[args[0].equals("--output") ? 2 : 0].equals("gate")) {
        gateRuns.add(run);
      }
      if (args[0].equals("--output")) {
        jsonOutputs.put(args[2], run);
      }
      commands++;
    }
    return commands;
  }

  /**
   * Splits the command, maps the example registries and moves files into the temporary directory.
   */
  private String[] relocate(String command) {
    List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
    args.remove(0);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String previous = i > 0 ? args.get(i - 1) : "";
      if (arg.startsWith("oci:examples/")) {
        args.set(i, "oci:../" + arg.substring(4)); // tests run in signing-cli/
      } else if (arg.startsWith("oci:")) {
        args.set(i, "oci:" + dir.resolve(arg.substring(4)));
      } else if (arg.startsWith("staging.example/payments-api")) {
        args.set(i, arg.replace("staging.example/payments-api", staging));
      } else if (arg.startsWith("prod.example/payments-api")) {
        args.set(i, arg.replace("prod.example/payments-api", prod));
      } else if (previous.equals("--predicate") && arg.startsWith("examples/")) {
        args.set(i, Path.of("..").resolve(arg).toString()); // tests run in signing-cli/
      } else if (Set.of("--predicate", "--key", "--policy", "--output-key-prefix", "-o").contains(previous)
          || arg.endsWith(".yaml")) {
        args.set(i, dir.resolve(arg).toString());
      }
    }
    return args.toArray(String[]::new);
  }

  private static void sameFields(String example, CliRun run, String array) throws Exception {
    JsonNode expected = Json.read(Bytes.utf8(example), "README example");
    JsonNode actual = Json.read(Bytes.utf8(run.out()), "command output");
    assertEquals(fields(expected), fields(actual), run.out());
    if (array != null) {
      assertEquals(fields(expected.get(array).get(0)), fields(actual.get(array).get(0)), run.out());
    }
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
