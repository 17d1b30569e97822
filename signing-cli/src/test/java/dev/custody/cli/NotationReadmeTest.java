package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Notary Project signatures" block runs as written, with every path moved into a
 * temporary directory: its {@code ./custody} commands in-process with the exit codes their comments
 * state, and its {@code mkdir -p}, {@code cp} and {@code cat > FILE <<'EOF'} lines as a shell would
 * run them.
 */
class NotationReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit (\\d)\\s*$");
  private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<'EOF'");
  /** The options whose values are files, per command (generate-key-pair's --certificate is a name). */
  private static final Map<String, Set<String>> PATH_OPTIONS =
      Map.of(
          "generate-key-pair", Set.of("--output-key-prefix"),
          "sign", Set.of("--key", "--certificate", "--certificate-chain"),
          "verify", Set.of("--key", "--trust-policy", "--trust-store"));

  @TempDir Path dir;

  private static String block() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("### Notary Project signatures");
    assertTrue(start >= 0, "README has no Notary Project signatures section");
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(start), "the Notary Project signatures section has no sh block");
    return m.group(1);
  }

  @Test
  void notaryBlock_runsAsWrittenWithTheStatedExitCodes() throws Exception {
    String password = null;
    List<CliRun> verifies = new ArrayList<>();
    CliRun tree = null;
    int commands = 0;
    for (Iterator<String> lines = block().lines().iterator(); lines.hasNext(); ) {
      String line = lines.next();
      Matcher heredoc = HEREDOC.matcher(line);
      if (line.startsWith("export CUSTODY_PASSWORD=")) {
        password = line.substring(line.indexOf('=') + 1).replace("'", "");
      } else if (line.startsWith("mkdir -p ")) {
        Files.createDirectories(dir.resolve(line.substring("mkdir -p ".length()).trim()));
      } else if (line.startsWith("cp ")) {
        String[] args = line.trim().split("\\s+");
        Path source = dir.resolve(args[1]);
        Path target = dir.resolve(args[2]);
        Files.copy(source, args[2].endsWith("/") ? target.resolve(source.getFileName()) : target);
      } else if (heredoc.matches()) {
        StringBuilder content = new StringBuilder();
        for (String next = lines.next(); !next.equals("EOF"); next = lines.next()) {
          content.append(next).append('\n');
        }
        Files.writeString(dir.resolve(heredoc.group(1)), content);
      } else if (line.startsWith("./custody ")) {
        assertNotNull(password, "the block sets CUSTODY_PASSWORD before its first command");
        Matcher exit = EXIT.matcher(line);
        int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        CliRun run = CliRun.withEnv(Map.of("CUSTODY_PASSWORD", password), relocate(exit.replaceFirst("")));
        assertEquals(expected, run.exitCode(), line + "\n" + run);
        if (line.startsWith("./custody verify ")) {
          verifies.add(run);
        } else if (line.startsWith("./custody tree ")) {
          tree = run;
        }
        commands++;
      } else {
        fail("unexpected line in the README block: " + line);
      }
    }

    assertEquals(8, commands);
    assertTrue(verifies.get(0).out().contains("notation  notation  certificate \""), verifies.get(0).toString());
    assertTrue(verifies.get(1).out().contains("notation  notation  "), verifies.get(1).toString());
    assertNotNull(tree);
    assertTrue(tree.out().contains("application/vnd.cncf.notary.signature"), tree.toString());
    CliRun refused = verifies.get(verifies.size() - 1);
    assertTrue(refused.out().contains("UNTRUSTED_SIGNER"), refused.toString());
    assertTrue(refused.out().contains("NONE_TRUSTED: "), refused.toString());
  }

  /** Splits a command and moves its files into the temporary directory. */
  private String[] relocate(String command) {
    List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
    args.remove(0);
    Set<String> paths = PATH_OPTIONS.getOrDefault(args.get(0), Set.of());
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("oci:examples/")) {
        args.set(i, "oci:../" + arg.substring(4)); // tests run in signing-cli/
      } else if (arg.startsWith("oci:build/")) {
        args.set(i, "oci:" + dir.resolve(arg.substring(4)));
      } else if (paths.contains(args.get(i - 1))) {
        args.set(i, dir.resolve(arg).toString());
      }
    }
    return args.toArray(String[]::new);
  }
}
