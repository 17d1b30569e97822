package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --help} and {@code --version} stay cheap (PERFORMANCE.md: keep class loading off that
 * path): a fresh JVM answers them without loading Custody's implementation or its heavy
 * dependencies.
 */
class StartupTest {
  private static final List<String> MUST_NOT_LOAD =
      List.of("dev.custody.core.", "org.bouncycastle.", "okhttp3.", "com.fasterxml.", "com.nimbusds.");

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version"})
  void freshJvm_helpOrVersion_loadsNoImplementationClasses(String option) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                option)
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "custody " + option + " did not finish");
    String log = new String(output, StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), log);
    assertTrue(log.contains(" dev.custody.cli.Main "), "class loading was not logged:\n" + log);
    for (String prefix : MUST_NOT_LOAD) {
      assertTrue(
          log.lines().noneMatch(line -> line.contains("[class,load] " + prefix)),
          "custody " + option + " loaded " + prefix + "* classes");
    }
  }
}
