package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry options of the command line against a real registry that requires basic
 * authentication: {@code --registry-username} with {@code --registry-password-stdin}, the exit
 * code and hint without credentials, {@code --verbose} logging, and the whole job on a registry.
 */
class RegistryCommandsTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.withBasicAuth();

  private static final String PASSWORD = "registry-e2e-Pass";

  @TempDir Path dir;

  /** An empty docker config for the fresh JVM, so the developer's own credentials take no part. */
  private Path dockerConfig() throws Exception {
    Path config = Files.createDirectories(dir.resolve("docker"));
    Files.writeString(config.resolve("config.json"), "{}");
    return config;
  }

  private static Map<String, String> environment() {
    return Map.of("CUSTODY_PASSWORD", PASSWORD);
  }

  private String pushed(String name) throws Exception {
    TestImages.Image image = TestImages.image(name);
    String source = TestImages.layoutReference(TestImages.writeLayout(dir.resolve(name), "v1", image), "v1");
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository(name), "v1");
    CliRun copy =
        CliRun.withEnv(
            Map.of(
                "CUSTODY_REGISTRY", REGISTRY.hostPort(),
                "CUSTODY_REGISTRY_USERNAME", REGISTRY.username(),
                "CUSTODY_REGISTRY_PASSWORD", REGISTRY.password()),
            "copy", source, remote);
    assertEquals(0, copy.exitCode(), copy.toString());
    return remote;
  }

  private CliRun withLogin(String... args) throws Exception {
    String[] full = new String[args.length + 3];
    full[0] = "--registry-username";
    full[1] = REGISTRY.username();
    full[2] = "--registry-password-stdin";
    System.arraycopy(args, 0, full, 3, args.length);
    return CliRun.in(CliRun.terminal(environment(), REGISTRY.password() + "\n"), full);
  }

  @Test
  void copy_registryUsernameFromLayoutToTheRegistry_loginUsedForTheDestination() throws Exception {
    TestImages.Image image = TestImages.image("cli-reg-copy-login");
    String source = TestImages.layoutReference(TestImages.writeLayout(dir.resolve("copy-login"), "v1", image), "v1");
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository("cli-reg-copy-login"), "v1");

    CliRun run = withLogin("copy", source, remote);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains(image.digest().toString()), run.toString());
  }

  @Test
  void copy_registryUsernameBetweenTwoRegistries_refusedAsAmbiguous() throws Exception {
    String remote = pushed("cli-reg-copy-two");

    CliRun run = withLogin("copy", remote, "127.0.0.2:1/other/repo:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("logs in to one registry"), run.toString());
  }

  @Test
  void tree_withoutCredentials_exit3WithLoginHint() throws Exception {
    String remote = pushed("cli-reg-anon");

    CliRun run = CliRun.in(CliRun.terminal(environment(), ""), "tree", remote);

    assertEquals(3, run.exitCode(), run.toString());
    assertTrue(run.err().contains("hint: log in to the registry"), run.toString());
  }

  @Test
  void tree_registryUsernameAndPasswordStdin_exit0AndPasswordNeverPrinted() throws Exception {
    String remote = pushed("cli-reg-login");

    CliRun run = withLogin("tree", remote);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("No attachments found for " + remote), run.toString());
    assertFalse((run.out() + run.err()).contains(REGISTRY.password()), run.toString());
  }

  @Test
  void generateSignVerifyTree_onTheRegistry() throws Exception {
    String remote = pushed("cli-reg-e2e");
    CliRun keys = CliRun.withEnv(environment(), "generate-key-pair", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, keys.exitCode(), keys.toString());

    CliRun sign = withLogin("sign", "--key", dir.resolve("k.key").toString(), remote);
    SchemeAvailability.assumeSigned(sign);
    CliRun verify = withLogin("verify", "--key", dir.resolve("k.pub").toString(), remote);
    CliRun tree = withLogin("tree", remote);

    assertEquals(0, sign.exitCode(), sign.toString());
    assertEquals(0, verify.exitCode(), verify.toString());
    assertTrue(tree.out().contains("signature  cosign-tag  "), tree.toString());
  }

  @Test
  void verbose_freshJvm_logsHttpExchangesToStderrWithoutThePassword() throws Exception {
    String remote = pushed("cli-reg-verbose");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--verbose", "--registry-username", REGISTRY.username(), "--registry-password-stdin",
                "digest", remote));
    builder.environment().put("DOCKER_CONFIG", dockerConfig().toString());
    Process process = builder.start();
    process.getOutputStream().write((REGISTRY.password() + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "custody --verbose digest did not finish");
    String stderr = new String(err, StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), stderr);
    assertTrue(new String(out, StandardCharsets.UTF_8).startsWith("sha256:"), stderr);
    assertTrue(stderr.contains("DEBUG dev.custody.http"), stderr);
    assertFalse(stderr.contains(REGISTRY.password()), stderr);
  }
}
