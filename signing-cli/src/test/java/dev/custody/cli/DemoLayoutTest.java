package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed demo layout is exactly what TestImages builds (so it cannot silently rot). */
class DemoLayoutTest {
  @TempDir Path fresh;

  @Test
  void committedDemoLayout_equalsFreshlyBuiltLayout() throws IOException {
    if (Boolean.getBoolean("custody.regenerateDemoLayout")) {
      TestImages.writeLayout(DemoLayout.DIRECTORY, DemoLayout.TAG, DemoLayout.image());
    }
    TestImages.writeLayout(fresh, DemoLayout.TAG, DemoLayout.image());

    List<Path> expected = files(fresh);
    assertEquals(expected, files(DemoLayout.DIRECTORY),
        "regenerate with: mvn -o -pl signing-cli -am test -Dtest=DemoLayoutTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcustody.regenerateDemoLayout=true");
    for (Path file : expected) {
      assertArrayEquals(
          Files.readAllBytes(fresh.resolve(file)),
          Files.readAllBytes(DemoLayout.DIRECTORY.resolve(file)),
          file.toString());
    }
    assertTrue(expected.contains(Path.of("blobs", "sha256", DemoLayout.image().digest().hex())));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
    }
  }
}
