package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code custody} command.
 *
 * <p>Global options ({@code --output}, {@code --verbose}) are declared here with
 * {@link ScopeType#INHERIT}, so they are accepted before or after the subcommand name. Start-up
 * stays cheap: {@code --help} and {@code --version} load picocli and these classes only; Custody's
 * implementation (and Bouncy Castle, OkHttp, Jackson) is loaded when a subcommand first asks for
 * {@link #custody()}.
 */
@Command(
    name = "custody",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sign, attest and verify container images, and check their chain of custody.",
    subcommands = {DigestCommand.class, CopyCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  verification or policy failed",
      "  2  usage error or bad input (unreadable file, malformed reference, policy or key)",
      "  3  registry or network error (unreachable, auth refused, not found)",
      "  4  internal error (a bug: please report it)"
    })
public final class Main implements Runnable {
  @Spec private CommandSpec spec;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      scope = ScopeType.INHERIT,
      converter = OutputFormat.Converter.class,
      description = "Output format: text (default) or json (one document on stdout).")
  private OutputFormat output = OutputFormat.TEXT;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log details (HTTP exchanges, credentials redacted) and stack traces to stderr.")
  private boolean verbose;

  private final Supplier<Custody> custodyFactory;
  private Custody custody;

  private Main(Supplier<Custody> custodyFactory) {
    this.custodyFactory = custodyFactory;
  }

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = execute(() -> Custody.builder().build(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in-process (tests, embedding) without exiting.
   *
   * @param custodyFactory creates the {@link Custody} instance when a subcommand first needs it
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code (CLI.md)
   */
  static int execute(Supplier<Custody> custodyFactory, PrintWriter out, PrintWriter err, String... args) {
    Main main = new Main(custodyFactory);
    CommandLine commandLine =
        new CommandLine(main)
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler(new ExitCodes.Handler(main))
            .setExecutionStrategy(parsed -> main.beforeRun(parsed));
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private int beforeRun(CommandLine.ParseResult parsed) {
    if (verbose) {
      // slf4j-simple reads this when the first logger is created (after parsing, before any work)
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    } else if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** Without a subcommand, show the usage and fail as a usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** {@return the output format chosen with {@code --output}} */
  OutputFormat output() {
    return output;
  }

  /** {@return whether {@code --verbose} was given} */
  boolean verbose() {
    return verbose;
  }

  /** {@return the Custody instance, created on first use} */
  Custody custody() {
    if (custody == null) {
      custody = custodyFactory.get();
    }
    return custody;
  }
}
