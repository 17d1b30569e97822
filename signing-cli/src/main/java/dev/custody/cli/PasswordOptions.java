package dev.custody.cli;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.PasswordSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a key password comes from (CLI.md "Key passwords"): {@code CUSTODY_PASSWORD}, else
 * {@code COSIGN_PASSWORD}, else {@code --password-file} or {@code --password-stdin} when given,
 * else an interactive prompt that does not echo. Never a command-line argument: that would be
 * visible to every user of the machine.
 */
final class PasswordOptions {
  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the key password from the first line of FILE.")
  Path passwordFile;

  @Option(
      names = "--password-stdin",
      description = "Read the key password from the first line of standard input.")
  boolean passwordStdin;

  /**
   * Builds the password chain.
   *
   * @param terminal environment, standard input and prompt
   * @param confirm whether a prompted password is asked twice (for a new key)
   * @return the source
   */
  PasswordSource source(Terminal terminal, boolean confirm) {
    PasswordSource explicit = PasswordSource.none();
    if (passwordFile != null) {
      explicit = PasswordSource.file(passwordFile);
    } else if (passwordStdin) {
      explicit = PasswordSource.stream(terminal.stdin());
    }
    PasswordSource second =
        passwordFile != null || passwordStdin ? explicit : prompt(terminal, confirm);
    return PasswordSource.environment(terminal.environment()).orElse(second);
  }

  /** {@return whether standard input is taken by the password} */
  boolean readsStdin() {
    return passwordStdin && passwordFile == null;
  }

  private static PasswordSource prompt(Terminal terminal, boolean confirm) {
    if (terminal.prompt().isEmpty()) {
      return PasswordSource.none();
    }
    Terminal.PasswordPrompt prompt = terminal.prompt().get();
    return purpose -> {
      Optional<char[]> first = prompt.read("Enter password to " + purpose + ": ");
      if (first.isEmpty() || !confirm) {
        return first;
      }
      Optional<char[]> second = prompt.read("Enter password again to confirm: ");
      boolean same = second.isPresent() && Arrays.equals(first.get(), second.get());
      second.ifPresent(p -> Arrays.fill(p, '\0'));
      if (!same) {
        Arrays.fill(first.get(), '\0');
        throw new KeyException(Reason.KEY, purpose + ": the two passwords entered differ", null);
      }
      return first;
    };
  }
}
