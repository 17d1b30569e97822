package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code custody verify} on layouts that notation itself signed ({@code
 * ../shared/fixtures/notation-e2e}, README §4), with the trust policies and store recipes (§6) its
 * e2e suite uses, reaches notation's outcome: success exits 0, an enforced failure exits 1 with
 * the reason. Layouts are copied first (§7: never write into the fixtures).
 */
class NotationFixturesCliTest {
  private static final String FIXTURES = "../shared/fixtures/notation-e2e";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} with {1} and {2}: exit {3}")
  @CsvSource({
    // layout,                policy,                   store certificate, exit, text in the report
    "e2e-valid-signature,     trustpolicy.json,          e2e.crt,     0, VERIFIED: ",
    "e2e-expired-signature,   trustpolicy.json,          e2e.crt,     1, EXPIRED",
    "e2e-valid-signature,     trustpolicy.json,          new_e2e.crt, 1, NONE_TRUSTED: ",
    "e2e,                     trustpolicy.json,          e2e.crt,     1, NO_SIGNATURES: ",
    "e2e-expired-signature,   permissive_trustpolicy.json, e2e.crt,   0, VERIFIED: ",
  })
  void verify_notationFixture_reachesNotationsOutcome(
      String layout, String policy, String certificate, int exit, String expected) throws Exception {
    Path copy = copy(fixtures().resolve("oci_layout").resolve(layout), dir.resolve("layout"));
    Path store = Files.createDirectories(dir.resolve("ts").resolve("x509").resolve("ca").resolve("e2e"));
    Files.copy(fixtures().resolve("localkeys").resolve(certificate), store.resolve(certificate));

    CliRun run =
        CliRun.of(
            "verify",
            "--trust-policy", fixtures().resolve("trustpolicies").resolve(policy).toString(),
            "--trust-store", dir.resolve("ts").toString(),
            "oci:" + copy + ":v1");

    assertEquals(exit, run.exitCode(), run.toString());
    assertTrue(run.out().contains(expected), run.toString());
  }

  /** The fixtures folder, {@value #FIXTURES} from the repository root. */
  private static Path fixtures() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("signing-cli"))) {
        Path fixtures = d.resolve(FIXTURES).normalize();
        if (!Files.isRegularFile(fixtures.resolve("README.md"))) {
          fail("notation fixtures missing: expected " + fixtures + " (" + FIXTURES + " from " + d + ")");
        }
        return fixtures;
      }
    }
    return fail("cannot find the repository root above " + Paths.get("").toAbsolutePath());
  }

  private static Path copy(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.collect(Collectors.toList());
    }
    for (Path source : files) {
      Path target = to.resolve(from.relativize(source).toString());
      if (Files.isDirectory(source)) {
        Files.createDirectories(target);
      } else {
        Files.copy(source, target);
      }
    }
    return to;
  }
}
