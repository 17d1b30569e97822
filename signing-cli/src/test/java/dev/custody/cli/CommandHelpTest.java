package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command's {@code --help} (issue 6, "the CLI as a whole"): a one-sentence summary, an
 * "Examples:" footer whose every example is a real invocation (it parses, options and image
 * references included; the first invokes the command itself, later ones may show what to run
 * next), lines that fit 80 columns, and nothing on stderr. No Custody
 * instance is created for help.
 */
class CommandHelpTest {
  private static final Supplier<Custody> MUST_NOT_BE_USED =
      () -> {
        throw new AssertionError("--help must not create a Custody instance");
      };

  /** {@return every subcommand name Main declares, plus the top-level command itself ("")} */
  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    names.add("");
    for (Class<?> subcommand : Main.class.getAnnotation(Command.class).subcommands()) {
      names.add(subcommand.getAnnotation(Command.class).name());
    }
    return names.stream();
  }

  @ParameterizedTest(name = "custody {0} --help")
  @MethodSource("commands")
  void help_everyCommand_summaryAndExamplesExit0(String command) {
    CliRun run = command.isEmpty() ? CliRun.with(MUST_NOT_BE_USED, "--help") : CliRun.with(MUST_NOT_BE_USED, command, "--help");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("", run.err());
    assertTrue(run.out().startsWith("Usage: custody" + (command.isEmpty() ? "" : " " + command) + " "), run.out());
    assertTrue(run.out().contains("\nExamples:\n  custody "), command + " has no Examples footer:\n" + run.out());
    for (String line : run.out().lines().toList()) {
      assertTrue(line.length() <= 80, "wider than 80 columns: '" + line + "'");
    }
  }

  @ParameterizedTest(name = "custody {0}: one-sentence summary")
  @MethodSource("commands")
  void description_firstLine_isOneSentence(String command) {
    Command annotation = annotation(command);

    String summary = annotation.description()[0];
    assertTrue(summary.endsWith("."), "'" + summary + "'");
    assertFalse(summary.substring(0, summary.length() - 1).contains(". "), "'" + summary + "'");
    assertTrue(summary.length() <= 90, "'" + summary + "' is long for the command list");
  }

  @ParameterizedTest(name = "custody {0}: examples parse")
  @MethodSource("commands")
  void examples_everyOne_parsesAsThatCommand(String command) {
    List<String[]> examples = examples(annotation(command));

    assertFalse(examples.isEmpty(), command);
    List<String> invoked = new ArrayList<>();
    for (String[] example : examples) {
      StringWriter err = new StringWriter();
      CommandLine commandLine =
          Main.commandLine(
              options -> MUST_NOT_BE_USED.get(),
              CliRun.terminal(java.util.Map.of(), ""),
              new PrintWriter(new StringWriter()),
              new PrintWriter(err));

      CommandLine.ParseResult parsed = commandLine.parseArgs(example);

      Optional<String> subcommand = Optional.ofNullable(parsed.subcommand()).map(p -> p.commandSpec().name());
      assertTrue(subcommand.isPresent(), Arrays.toString(example));
      assertEquals("", err.toString());
      invoked.add(subcommand.get());
    }
    // the first example shows the command itself; later ones may show what to run next
    if (!command.isEmpty()) {
      assertEquals(command, invoked.get(0), invoked.toString());
    }
  }

  private static Command annotation(String command) {
    if (command.isEmpty()) {
      return Main.class.getAnnotation(Command.class);
    }
    for (Class<?> subcommand : Main.class.getAnnotation(Command.class).subcommands()) {
      Command annotation = subcommand.getAnnotation(Command.class);
      if (annotation.name().equals(command)) {
        return annotation;
      }
    }
    throw new AssertionError("no command " + command);
  }

  /**
   * The footer's examples as arguments: lines starting {@code custody}, continued by a trailing
   * backslash, without a trailing shell comment or redirection.
   */
  static List<String[]> examples(Command annotation) {
    List<String[]> examples = new ArrayList<>();
    StringBuilder current = null;
    for (String line : annotation.footer()) {
      String text = line.strip();
      if (current == null && !text.startsWith("custody ")) {
        continue;
      }
      current = current == null ? new StringBuilder() : current.append(' ');
      boolean continued = text.endsWith("\\");
      current.append(continued ? text.substring(0, text.length() - 1).strip() : text);
      if (!continued) {
        String example = current.toString().replaceFirst("\\s+#.*$", "").replaceFirst("\\s+>.*$", "");
        List<String> args = new ArrayList<>(List.of(example.split("\\s+")));
        args.remove(0); // custody
        examples.add(args.toArray(String[]::new));
        current = null;
      }
    }
    return examples;
  }
}
