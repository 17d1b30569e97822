package dev.custody.cli;

import static java.util.Objects.requireNonNull;

import java.io.Console;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of {@code custody} reads besides its arguments: the environment, standard input and,
 * when there is a terminal, a password prompt that does not echo. Tests pass their own.
 *
 * @param environment the environment variables
 * @param stdin standard input (read only for {@code --password-stdin} or
 *     {@code --registry-password-stdin})
 * @param prompt the interactive prompt, if there is a terminal
 * @param interactive whether a person watches the output (there is a console), so that long
 *     copies may show progress on stderr; never for scripts and pipes
 */
record Terminal(
    Map<String, String> environment,
    InputStream stdin,
    Optional<PasswordPrompt> prompt,
    boolean interactive) {
  Terminal {
    environment = Map.copyOf(requireNonNull(environment, "environment"));
    requireNonNull(stdin, "stdin");
    requireNonNull(prompt, "prompt");
  }

  /** A terminal nobody watches: no progress display. */
  Terminal(Map<String, String> environment, InputStream stdin, Optional<PasswordPrompt> prompt) {
    this(environment, stdin, prompt, false);
  }

  /**
   * {@return the process's environment, standard input and console} A console means the JVM runs
   * attached to a terminal (JDK 17: both standard input and output are interactive), taken as the
   * sign that a person watches stderr too; redirected or piped runs have none.
   */
  static Terminal system() {
    Console console = System.console();
    Optional<PasswordPrompt> prompt =
        console == null ? Optional.empty() : Optional.of(text -> Optional.ofNullable(console.readPassword("%s", text)));
    return new Terminal(System.getenv(), System.in, prompt, console != null);
  }

  /** Reads a password without echoing it. */
  @FunctionalInterface
  interface PasswordPrompt {
    /**
     * Shows {@code text} and reads one line.
     *
     * @param text the prompt
     * @return the password (the caller zeroes it), or empty at end of input
     */
    Optional<char[]> read(String text);
  }
}
