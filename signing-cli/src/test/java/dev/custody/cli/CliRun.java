package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.store.StoreOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** One in-process run of {@code custody}: exit code and captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  /** Runs with the real Custody (found by ServiceLoader), an empty environment and no terminal. */
  static CliRun of(String... args) {
    return in(terminal(Map.of(), ""), args);
  }

  /** Runs with the real Custody and the given environment variables (no stdin, no terminal). */
  static CliRun withEnv(Map<String, String> environment, String... args) {
    return in(terminal(environment, ""), args);
  }

  /** Runs with the real Custody, configured with the command line's store options, in {@code terminal}. */
  static CliRun in(Terminal terminal, String... args) {
    return with(options -> Custody.builder().storeOptions(options).build(), terminal, args);
  }

  /** Runs with the given factory (which receives the command line's store options) in {@code terminal}. */
  static CliRun with(Function<StoreOptions, Custody> custody, Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(custody, terminal, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs with the given Custody factory. */
  static CliRun with(Supplier<Custody> custody, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(custody, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@return a terminal with {@code environment}, {@code stdin} as standard input and no prompt} */
  static Terminal terminal(Map<String, String> environment, String stdin) {
    return new Terminal(environment, stdin(stdin), Optional.empty());
  }

  static InputStream stdin(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
