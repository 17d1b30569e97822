package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.registry.AzureTokenSource;
import dev.custody.registry.Credential;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import dev.custody.sign.PasswordSource;
import dev.custody.store.StoreOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 * <p>Global options ({@code --output}, {@code --verbose} and the registry options) are declared here with
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
    subcommands = {
      DigestCommand.class,
      CopyCommand.class,
      GenerateKeyPairCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      TreeCommand.class,
      AttestCommand.class,
      VerifyAttestationCommand.class,
      VerifyCustodyCommand.class,
      ExportCommand.class,
      GateCommand.class,
      DemoCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody demo",
      "  custody digest oci:examples/src/main/resources/demo-layout:v1",
      "  custody verify-custody --policy payments-prod.yaml registry.example/payments/api:1.4",
      "",
      "Exit codes:",
      "  0  success; for verify-like commands, everything required was verified",
      "  1  verification or policy failed",
      "  2  usage error or bad input (unreadable file, malformed reference, policy or",
      "     key)",
      "  3  registry or network error (unreachable, auth refused, not found)",
      "  4  internal error (a bug: please report it)",
      "",
      "Run 'custody COMMAND --help' for a command's options and examples."
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

  @Option(
      names = "--registry-username",
      paramLabel = "USER",
      scope = ScopeType.INHERIT,
      description = "Log in to the image's registry as USER (with --registry-password-stdin).")
  private String registryUsername;

  @Option(
      names = "--registry-password-stdin",
      scope = ScopeType.INHERIT,
      description = "Read the registry password for --registry-username from standard input.")
  private boolean registryPasswordStdin;

  @Option(
      names = "--allow-http-registry",
      scope = ScopeType.INHERIT,
      description =
          "Allow plain HTTP to the image's registry (insecure: credentials and content travel"
              + " unprotected). Loopback registries need no permission.")
  private boolean allowHttpRegistry;

  private final Function<StoreOptions, Custody> custodyFactory;
  private final Terminal terminal;
  private Custody custody;

  private Main(Function<StoreOptions, Custody> custodyFactory, Terminal terminal) {
    this.custodyFactory = custodyFactory;
    this.terminal = terminal;
  }

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = execute(Main::defaultCustody, Terminal.system(), out, err, args);
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
    Terminal none = new Terminal(Map.of(), InputStream.nullInputStream(), Optional.empty());
    return execute(options -> custodyFactory.get(), none, out, err, args);
  }

  /**
   * Runs the command in-process with the given environment, standard input and prompt.
   *
   * @param custodyFactory creates the {@link Custody} instance, given the store options the
   *     command line asks for, when a subcommand first needs it
   * @param terminal environment variables, standard input and password prompt
   * @param out standard output
   * @param err standard error
   * @param args the command line
   * @return the exit code (CLI.md)
   */
  static int execute(
      Function<StoreOptions, Custody> custodyFactory,
      Terminal terminal,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    int code = commandLine(custodyFactory, terminal, out, err).execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Builds the command line, ready to execute or (in tests) to parse.
   *
   * @param custodyFactory creates the {@link Custody} instance when a subcommand first needs it
   * @param terminal environment variables, standard input and password prompt
   * @param out standard output
   * @param err standard error
   * @return the command line with this CLI's error handlers
   */
  static CommandLine commandLine(
      Function<StoreOptions, Custody> custodyFactory,
      Terminal terminal,
      PrintWriter out,
      PrintWriter err) {
    Main main = new Main(custodyFactory, terminal);
    return new CommandLine(main)
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new ExitCodes.Handler(main))
        .setParameterExceptionHandler(new UsageErrors())
        .setExecutionStrategy(parsed -> main.beforeRun(parsed));
  }

  private int beforeRun(CommandLine.ParseResult parsed) {
    if (verbose) {
      // slf4j-simple reads these when the first logger is created (after parsing, before any
      // work): Custody's own loggers, among them dev.custody.http (HTTP exchanges, redacted)
      System.setProperty("org.slf4j.simpleLogger.log.dev.custody", "debug");
      System.setProperty("org.slf4j.simpleLogger.log.dev.custody.http", "debug");
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
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

  /**
   * Returns the Custody instance for commands not about one image, created on first use with the
   * registry settings that name their own hosts: {@code CUSTODY_REGISTRY*} and
   * {@code AZURE_ACCESS_TOKEN} from the environment, and docker {@code config.json}.
   *
   * @return the instance
   */
  Custody custody() {
    if (custody == null) {
      RegistryOptions.Builder registry = RegistryOptions.builder();
      environmentCredentials(registry);
      custody = custodyFactory.apply(StoreOptions.defaults().withRegistry(registry.build()));
    }
    return custody;
  }

  /**
   * Returns the Custody instance for a command about {@code image}, created on first use with the
   * registry options of the command line: {@code --registry-username} with
   * {@code --registry-password-stdin} for the image's registry, {@code CUSTODY_REGISTRY*} and
   * {@code AZURE_ACCESS_TOKEN} from the environment, docker {@code config.json}, and
   * {@code --allow-http-registry}.
   *
   * @param image the image the command works on
   * @return the instance
   * @throws CustodyException if the registry password cannot be read
   */
  Custody custody(ImageReference image) throws CustodyException {
    if (custody == null) {
      custody = custodyFactory.apply(storeOptions(image));
    }
    return custody;
  }

  /** {@return the environment, standard input and prompt of this run} */
  Terminal terminal() {
    return terminal;
  }

  /**
   * {@return whether long operations show progress on stderr: only when a person watches (a
   * terminal) and the output is text, never for scripts, pipes or {@code --output json}}
   */
  boolean showsProgress() {
    return terminal.interactive() && output == OutputFormat.TEXT;
  }

  /** {@return whether --registry-password-stdin takes standard input} */
  boolean registryReadsStdin() {
    return registryPasswordStdin;
  }

  private StoreOptions storeOptions(ImageReference image) throws CustodyException {
    if (registryPasswordStdin != (registryUsername != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--registry-username and --registry-password-stdin go together (the password is never an"
              + " argument)");
    }
    RegistryOptions.Builder registry = RegistryOptions.builder();
    if (registryUsername != null && !image.isLayout()) {
      char[] password =
          PasswordSource.stream(terminal.stdin()).password("registry password").orElse(new char[0]);
      try {
        registry.credentialProvider(
            CredentialProvider.of(image.registry(), Credential.basic(registryUsername, new String(password))));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    environmentCredentials(registry);
    if (allowHttpRegistry && !image.isLayout()) {
      registry.allowHttpRegistry(image.registry());
    }
    return StoreOptions.defaults().withRegistry(registry.build());
  }

  private void environmentCredentials(RegistryOptions.Builder registry) {
    CredentialProvider.fromEnvironment(terminal.environment()).ifPresent(registry::credentialProvider);
    AzureTokenSource.fromEnvironment(terminal.environment()).ifPresent(registry::azureTokenSource);
  }

  private static Custody defaultCustody(StoreOptions options) {
    return Custody.builder().storeOptions(options).build();
  }
}
