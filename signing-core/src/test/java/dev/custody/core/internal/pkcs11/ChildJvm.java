package dev.custody.core.internal.pkcs11;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Pkcs11Child} in a fresh JVM with the test classpath and a given environment. The
 * PKCS#11 module reads {@code SOFTHSM2_CONF} when it is first loaded and the JDK keeps it loaded
 * for the life of the JVM, so each token needs its own process.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** The facts one operation produced: key to tab-separated fields. */
  static final class Result {
    final Map<String, List<String>> facts = new LinkedHashMap<>();

    List<String> get(String key) {
      List<String> value = facts.get(key);
      if (value == null) {
        throw new AssertionError("child reported no " + key + ", only " + facts);
      }
      return value;
    }

    boolean has(String key) {
      return facts.containsKey(key);
    }

    @Override
    public String toString() {
      return facts.toString();
    }
  }

  /**
   * Runs the operations (each a list of arguments) and returns one result per operation.
   *
   * @param environment the child's whole environment
   * @param workDir where to put the output and log files
   * @param operations the operations
   */
  static List<Result> run(
      Map<String, String> environment, Path workDir, List<List<String>> operations)
      throws Exception {
    Path output = Files.createTempFile(workDir, "child-", ".out");
    Path log = Files.createTempFile(workDir, "child-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(Pkcs11Child.class.getName());
    command.add(output.toString());
    for (int i = 0; i < operations.size(); i++) {
      if (i > 0) {
        command.add("---");
      }
      command.addAll(operations.get(i));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish; log: " + Files.readString(log));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "child JVM failed (exit " + process.exitValue() + "): " + Files.readString(log));
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      results.add(new Result());
    }
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t", -1);
      results
          .get(Integer.parseInt(fields[0]))
          .facts
          .put(fields[1], Arrays.asList(fields).subList(2, fields.length));
    }
    return results;
  }
}
