package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --certificate} files are read to {@link CertificateFiles#MAX_BYTES} and no further: a file
 * that is larger, or a device whose size says nothing ({@code /dev/zero}), is refused as too large
 * (exit 2), not parsed.
 */
class CertificateFilesTest {
  private static final Path ENDLESS = Path.of("/dev/zero");

  @TempDir Path dir;

  @Test
  void read_endlessDevice_refusedAsTooLarge() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CertificateFiles.read(ENDLESS, "--certificate"));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals(
        "read --certificate /dev/zero: too large (expected at most 1048576 bytes, got more)",
        e.getMessage());
  }

  @Test
  void read_regularFileOverTheBound_refusedWithItsSize() throws IOException {
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[CertificateFiles.MAX_BYTES + 1]);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CertificateFiles.read(big, "--certificate-chain"));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage().endsWith(": too large (expected at most 1048576 bytes, got 1048577)"),
        e.getMessage());
  }

  @Test
  void read_fileAtTheBoundWithoutCertificates_notRefusedForSize() throws IOException {
    Path exact = dir.resolve("exact.pem");
    Files.write(exact, new byte[CertificateFiles.MAX_BYTES]);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CertificateFiles.read(exact, "--certificate"));

    assertTrue(e.getMessage().contains("X.509"), e.getMessage());
  }

  @Test
  void sign_certificateIsEndlessDevice_exit2TooLargeWithHint() {
    Map<String, String> env = Map.of("CUSTODY_PASSWORD", GenerateKeyPairCommandTest.PASSWORD);
    CliRun keys = CliRun.withEnv(env, "generate-key-pair", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, keys.exitCode(), keys.toString());
    RecordingProvider provider = new RecordingProvider();

    CliRun run =
        CliRun.with(
            provider::custody,
            CliRun.terminal(env, ""),
            "sign",
            "--format",
            "notation",
            "--key",
            dir.resolve("k.key").toString(),
            "--certificate",
            ENDLESS.toString(),
            "oci:/tmp/layout:v1");

    assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("custody: read --certificate /dev/zero: too large"), run.toString());
    assertTrue(run.err().contains("hint: check that the file named above is the one you meant"), run.toString());
    assertEquals("", run.out());
  }
}
