package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's promises stay in step with the code, the demo layout and CI. */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readme_mainCommand_namesTheDemoLayoutAndTheDigestItPrints() throws IOException {
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
  void readme_exitCodeTable_matchesTheCodesMainUses() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertTrue(readme.contains("| " + ExitCodes.VERIFICATION_FAILED + " | verification or policy failed"));
    assertTrue(readme.contains("| " + ExitCodes.USAGE + " | usage error or bad input"));
    assertTrue(readme.contains("| " + ExitCodes.STORE + " | registry or network error"));
    assertTrue(readme.contains("| " + ExitCodes.INTERNAL + " | internal error (a bug: please report it)"));
  }
}
