package dev.custody.cli;

import dev.custody.Custody;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

/** One in-process run of {@code custody}: exit code and captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  /** Runs with the real Custody (found by ServiceLoader). */
  static CliRun of(String... args) {
    return with(() -> Custody.builder().build(), args);
  }

  /** Runs with the given Custody factory. */
  static CliRun with(Supplier<Custody> custody, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(custody, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
