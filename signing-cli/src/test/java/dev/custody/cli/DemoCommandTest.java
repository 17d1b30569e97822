package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code custody demo}, run in-process with the real implementation, as CI runs it. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demo_releasedImagePasses_tamperedCopyFailsWithReasons_exit0() {
    CliRun run = CliRun.of("demo");
    SchemeAvailability.assumeSigned(run);

    assertEquals(0, run.exitCode(), run.toString());
    String[] reports = run.out().split("== A tampered copy");
    assertEquals(2, reports.length, run.toString());
    assertTrue(reports[0].contains("  verdict  pass\n"), run.toString());
    assertTrue(reports[0].contains("  [ok]   build\n"), run.toString());
    assertTrue(reports[0].contains("  [ok]   approve\n"), run.toString());
    assertTrue(reports[0].contains("  signature VERIFIED: "), run.toString());
    assertTrue(reports[1].contains("  verdict  fail\n"), run.toString());
    assertTrue(reports[1].contains("  [FAIL] build: "), run.toString());
    assertTrue(reports[1].contains("rejected SUBJECT_MISMATCH (ci): the statement's subjects "), run.toString());
    assertFalse(reports[1].contains("[ok]"), run.toString());
    assertTrue(run.out().endsWith("demo ran as expected: the released image passes, the tampered copy fails\n"), run.out());
    assertTrue(run.err().contains("custody demo: generated EC P-256 keys ci, scanner, alice, bob, release"), run.err());
    assertTrue(run.err().contains("(deleted afterwards; keep it with --dir)"), run.err());
  }

  @Test
  void demo_withDir_keepsKeysLayoutsAndPolicy() throws Exception {
    Path kept = dir.resolve("demo");

    CliRun run = CliRun.of("demo", "--dir", kept.toString());
    SchemeAvailability.assumeSigned(run);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.isRegularFile(kept.resolve("policy.yaml")));
    assertTrue(Files.isRegularFile(kept.resolve("keys/release.pub")));
    assertTrue(Files.isRegularFile(kept.resolve("build/index.json")));
    assertTrue(Files.isRegularFile(kept.resolve("deploy/index.json")));
    CliRun verify = CliRun.of("verify", "--key", kept.resolve("keys/release.pub").toString(), "oci:" + kept.resolve("build") + ":v1");
    assertEquals(0, verify.exitCode(), verify.toString());
  }

  @Test
  void demo_json_oneDocumentWithBothVerdicts() {
    CliRun run = CliRun.of("--output", "json", "demo");
    SchemeAvailability.assumeSigned(run);

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(1, run.out().lines().count(), run.out());
    assertTrue(run.out().startsWith("{\"directory\":\"(deleted)\",\"image\":{\"image\":\"oci:"), run.out());
    assertTrue(run.out().contains(",\"verdict\":\"pass\",\"stages\":[{\"name\":\"build\",\"satisfied\":true,"), run.out());
    assertTrue(run.out().contains("\"tampered\":{"), run.out());
    assertTrue(run.out().contains(",\"verdict\":\"fail\","), run.out());
    assertTrue(run.out().contains("\"reason\":\"SUBJECT_MISMATCH\""), run.out());
    assertTrue(run.out().endsWith(",\"asExpected\":true}\n"), run.out());
  }

  @Test
  void demo_dirNotEmpty_usageErrorBeforeAnyWork() throws Exception {
    Files.writeString(dir.resolve("something"), "x");

    CliRun run = CliRun.of("demo", "--dir", dir.toString());

    assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--dir " + dir + " is not empty (expected a new or empty directory)"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void help_showsExamples() {
    CliRun run = CliRun.of("demo", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("  custody demo --dir ./custody-demo"), run.out());
  }
}
