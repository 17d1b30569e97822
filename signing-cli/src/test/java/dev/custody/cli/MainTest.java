package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MainTest {
  /** --help and --version must not create Custody (which loads the implementation). */
  private static final Supplier<Custody> MUST_NOT_BE_USED =
      () -> {
        throw new AssertionError("Custody was created on a path that does not need it");
      };

  @Test
  void help_printsUsageWithCommandsAndExitCodes_exit0() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("Usage: custody"), run.toString());
    assertTrue(run.out().contains("digest"), run.toString());
    assertTrue(run.out().contains("--output=text|json"), run.toString());
    assertTrue(run.out().contains("4  internal error (a bug: please report it)"), run.toString());
    assertEquals("", run.err());
  }

  @Test
  void help_listsTheSignatureCommandsAndRegistryOptions() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "--help");

    for (String command : new String[] {"generate-key-pair", "sign", "verify", "tree"}) {
      assertTrue(run.out().contains("  " + command + " "), command + "\n" + run);
    }
    assertTrue(run.out().contains("--registry-username=USER"), run.toString());
    assertTrue(run.out().contains("--registry-password-stdin"), run.toString());
    assertTrue(run.out().contains("--allow-http-registry"), run.toString());
  }

  @Test
  void subcommandHelp_verifyNamesItsExitRule_noCustodyCreated() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "verify", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("--trust-policy=F"), run.toString());
    assertTrue(run.out().contains("--max-signatures=N"), run.toString());
  }

  @Test
  void version_printsProjectVersionFromFilteredResource_exit0() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "--version");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().matches("custody \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), run.toString());
  }

  @Test
  void subcommandHelp_describesImageArgument_exit0() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "digest", "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("Usage: custody digest"), run.toString());
    assertTrue(run.out().contains("oci:DIR[:TAG|@DIGEST] (an OCI layout on disk)"), run.toString());
  }

  @Test
  void noCommand_usageError_exit2() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("a command is required"), run.toString());
    assertTrue(run.err().contains("Usage: custody"), run.toString());
  }

  @Test
  void unknownOption_usageError_exit2() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "--frobnicate", "digest", "oci:x");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.toString());
  }

  @Test
  void unknownCommand_usageError_exit2() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "sing", "oci:x");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("'sing'"), run.toString());
  }

  @Test
  void outputFormatNotTextOrJson_usageError_exit2() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "--output", "yaml", "digest", "oci:x");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("expected text or json, got 'yaml'"), run.toString());
  }

  @Test
  void digestWithoutImage_usageError_exit2() {
    CliRun run = CliRun.with(MUST_NOT_BE_USED, "digest");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Missing required parameter: 'IMAGE'"), run.toString());
  }
}
