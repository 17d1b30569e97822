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
import dev.custody.policy.ReasonCode;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Release engineer" section: its command block runs as written (paths moved into a
 * temporary directory), each command with the exit code its comment states, and its JSON examples
 * have exactly the fields the commands print.
 */
class ReleaseEngineerReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit (\\d)\\s*$");

  @TempDir Path dir;

  private static String section() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Release engineer");
    assertTrue(start >= 0, "README has no Release engineer section");
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
  void commandBlock_runsAsWrittenWithTheStatedExitCodes() throws Exception {
    String block = blocks(section(), "sh").get(0);
    String password = null;
    int commands = 0;
    for (String line : block.lines().toList()) {
      if (line.startsWith("export CUSTODY_PASSWORD=")) {
        password = line.substring(line.indexOf('=') + 1).replace("'", "");
        continue;
      }
      assertTrue(line.startsWith("./custody "), "unexpected line in the README block: " + line);
      Matcher exit = EXIT.matcher(line);
      int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
      String command = exit.replaceFirst("");
      CliRun run = CliRun.withEnv(Map.of("CUSTODY_PASSWORD", password), relocate(command));
      if (command.startsWith("./custody sign ")) {
        SchemeAvailability.assumeSigned(run);
      }
      assertEquals(expected, run.exitCode(), line + "\n" + run);
      if (command.startsWith("./custody tree ")) {
        assertTrue(run.out().contains("signature  cosign-tag  "), run.toString());
      }
      commands++;
    }
    assertEquals(14, commands);
  }

  /** Splits the command and moves its files into the temporary directory. */
  private String[] relocate(String command) {
    List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
    args.remove(0);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.length() > 1 && arg.startsWith("'") && arg.endsWith("'")) {
        arg = arg.substring(1, arg.length() - 1); // the shell's quoting of a DN with '*'
        args.set(i, arg);
      }
      if (arg.startsWith("oci:examples/")) {
        args.set(i, "oci:../" + arg.substring(4)); // tests run in signing-cli/
      } else if (arg.startsWith("oci:build/")) {
        args.set(i, "oci:" + dir.resolve(arg.substring(4)));
      } else if (i > 0 && Set.of("--key", "--output-key-prefix", "--certificate-roots", "--ca-roots").contains(args.get(i - 1))) {
        args.set(i, dir.resolve(arg).toString());
      } else if (i > 0 && args.get(i - 1).equals("--certificate") && arg.endsWith(".crt")) {
        args.set(i, dir.resolve(arg).toString()); // sign's file, not generate-key-pair's CN
      }
    }
    return args.toArray(String[]::new);
  }

  @Test
  void verifyJsonExample_hasExactlyTheFieldsVerifyPrints() throws Exception {
    JsonNode example = ReadmeJson.example("verify");
    RecordingProvider provider =
        new RecordingProvider(
            image ->
                new SignatureReport(
                    image,
                    RecordingProvider.IMAGE,
                    SignatureOutcome.NONE_TRUSTED,
                    "none",
                    List.of(RecordingProvider.failed(ReasonCode.SIGNATURE_INVALID, "x")),
                    List.of()));
    Path pub = dir.resolve("k.pub");
    CliRun keys = CliRun.of("generate-key-pair", "--format", "pkcs8", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, keys.exitCode(), keys.toString());

    CliRun run =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "--output", "json", "verify", "--key", pub.toString(), "oci:x:v1");

    JsonNode actual = Json.read(Bytes.utf8(run.out()), "verify output");
    assertEquals(fields(actual), fields(example));
    assertEquals(fields(actual.get("signatures").get(0)), fields(example.get("signatures").get(0)));
  }

  @Test
  void treeJsonExample_hasExactlyTheFieldsTreePrints() throws Exception {
    JsonNode example = ReadmeJson.example("tree");
    TestImages.writeLayout(dir, "v1", TestImages.image("readme-tree"));
    String reference = TestImages.layoutReference(dir, "v1");
    try (ArtifactStore store = Custody.builder().build().open(ImageReference.parse(reference))) {
      TreeFixtures.attachAll(store, store.resolve("v1"));
    }

    JsonNode actual = Json.read(Bytes.utf8(CliRun.of("--output", "json", "tree", reference).out()), "tree output");

    assertEquals(fields(actual), fields(example));
    assertEquals(fields(actual.get("attachments").get(0)), fields(example.get("attachments").get(0)));
    assertEquals(actual.get("attachments").get(0).get("storage"), example.get("attachments").get(0).get("storage"));
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
