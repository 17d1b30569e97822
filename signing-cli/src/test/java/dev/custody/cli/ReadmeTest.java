package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's promises stay in step with the code, the demo layout and CI. */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readme_firstCommand_isTheDemo() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher first = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);

    assertTrue(first.find(), readme);
    assertEquals("./custody demo\n", first.group(1));
    assertTrue(readme.indexOf("## The main job") < first.start(), "the demo opens the main job section");
  }

  @Test
  void readme_demoCommand_runsAndPrintsWhatTheReadmeSays() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    CliRun run = CliRun.of("demo");
    SchemeAvailability.assumeSigned(run);

    assertEquals(0, run.exitCode(), run.toString());
    for (String promised : List.of("[ok]", "verdict  pass", "verdict  fail", "SUBJECT_MISMATCH")) {
      assertTrue(readme.contains("`" + promised.replace("verdict  ", "") + "`"), promised);
      assertTrue(run.out().contains(promised), promised + "\n" + run);
    }
  }

  @Test
  void readme_digestCommand_namesTheDemoLayoutAndTheDigestItPrints() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertTrue(readme.contains("./custody digest " + DemoLayout.README_REFERENCE + "\n"), readme);
    assertTrue(readme.contains("# " + DemoLayout.image().digest() + "\n"), readme);
  }

  @Test
  void ciRun_endsWithExactlyTheReadmeTestCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));

    assertTrue(readme.contains("```sh\n./mvnw -B verify\n```"), readme);
    assertEquals("./mvnw -B verify", ci.get(ci.size() - 1));
  }

  @Test
  void readme_exitCodeTable_isCliMdsTableWithTheCodesMainUses() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    // CLI.md "Exit codes", row for row
    String table =
        "| code | meaning |\n"
            + "|---|---|\n"
            + "| " + ExitCodes.OK + " | success; for verify-like commands, everything required was verified |\n"
            + "| " + ExitCodes.VERIFICATION_FAILED + " | verification or policy failed (the report says which link and why) |\n"
            + "| " + ExitCodes.USAGE + " | usage error or bad input (unreadable file, malformed reference, policy or key) |\n"
            + "| " + ExitCodes.STORE + " | registry or network error (unreachable, auth refused, not found) |\n"
            + "| " + ExitCodes.INTERNAL + " | internal error (a bug: please report it) |\n";

    assertTrue(readme.contains(table.replace("| code |", "| exit code |")), readme);
  }

  @Test
  void readme_sections_inTheOrderOfTheReadersJob() throws IOException {
    List<String> sections =
        Files.readAllLines(ROOT.resolve("README.md")).stream().filter(l -> l.startsWith("## ")).toList();

    assertEquals(
        List.of(
            "## Prerequisites",
            "## The main job",
            "## Running the tests",
            "## Modules",
            "## The command line",
            "## Release engineer: keys, signing, verification",
            "## Verifier: custody policies, verify-custody, offline export and the deployment gate",
            "## Embedding"),
        sections);
  }
}
