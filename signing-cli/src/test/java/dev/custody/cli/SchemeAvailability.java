package dev.custody.cli;

import org.junit.jupiter.api.Assumptions;

/**
 * Until the cosign signature scheme is merged, {@code sign} fails with "signature format cosign is
 * not supported yet"; the end-to-end tests then stop there (reported as skipped, with the reason)
 * instead of failing, and run in full once the scheme exists.
 */
final class SchemeAvailability {
  private SchemeAvailability() {}

  static void assumeSigned(CliRun sign) {
    Assumptions.assumeFalse(
        sign.exitCode() == ExitCodes.USAGE && sign.err().contains("is not supported yet"),
        () -> "the signature scheme is not merged yet: " + sign.err().strip());
  }
}
