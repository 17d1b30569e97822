package dev.custody.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding" snippet is the body of {@link #snippet} below, character for character
 * (so it compiles), and it runs against a real image in a layout.
 */
class ReadmeEmbeddingTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SELF =
      Path.of("src/test/java/dev/custody/examples/ReadmeEmbeddingTest.java");

  @TempDir Path dir;

  /** The README snippet, between the markers, with its free names as parameters. */
  private static CustodyReport snippet(
      String keyFile, String imageName, String provenanceJson, Path policyFile) throws Exception {
    // README snippet begins
    Custody custody = Custody.builder().build();
    Signer ci = custody.signer(KeyRef.parse(keyFile), PasswordSource.environment(System.getenv()));
    ImageReference image = ImageReference.parse(imageName);  // registry.example.com/team/app:1.4
    ImageReference pinned = image.withDigest(custody.resolve(image).digest());  // resolve the tag once
    custody.sign(pinned, ci, SignOptions.defaults());
    custody.attest(pinned, ci, "slsaprovenance1", Bytes.utf8(provenanceJson), AttestOptions.defaults());

    CustodyPolicy policy = custody.readPolicy(policyFile);  // POLICY.md
    CustodyReport report = custody.verifyCustody(pinned, policy);
    if (!report.passed()) {
      report.stages().stream().filter(s -> !s.satisfied())
          .forEach(s -> System.err.println(s.name() + ": " + s.reason().get() + " " + s.detail()));
    }
    // README snippet ends
    return report;
  }

  @Test
  void readmeSnippet_isThisFilesCode() throws Exception {
    String readme = Files.readString(README);
    Matcher block =
        Pattern.compile("The core of each, in a few lines [^\n]*\n\n```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has no Embedding snippet");
    String self = Files.readString(SELF);
    String begin = "    // README snippet begins\n";
    String tested =
        self.substring(self.indexOf(begin) + begin.length(), self.indexOf("    // README snippet ends"))
            .replace("\n    ", "\n")
            .substring(4);
    assertEquals(tested, block.group(1));
  }

  @Test
  void readmeMavenCoordinates_matchTheBuild() throws Exception {
    String readme = Files.readString(README);
    String version = Files.readString(Path.of("pom.xml")).replaceAll("(?s).*?<parent>.*?<version>([^<]+)</version>.*", "$1");

    for (String artifact : new String[] {"signing-api", "signing-core"}) {
      assertTrue(
          readme.contains(
              "  <groupId>dev.custody</groupId>\n  <artifactId>" + artifact + "</artifactId>\n  <version>"
                  + version + "</version>"),
          artifact + " " + version);
      assertTrue(Files.isDirectory(Path.of("..", artifact)), artifact);
    }
  }

  @Test
  void readmeExampleLinks_pointAtExistingSources() throws Exception {
    Matcher link =
        Pattern.compile("\\]\\((examples/src/main/java/[^)]+\\.java)\\)").matcher(Files.readString(README));
    int found = 0;
    while (link.find()) {
      assertTrue(Files.isRegularFile(Path.of("..").resolve(link.group(1))), link.group(1));
      found++;
    }
    assertEquals(4, found);
  }

  @Test
  void readmeSnippet_runsAgainstALayoutImage() throws Exception {
    ExampleFixtures f = new ExampleFixtures(dir);
    ImageReference image = f.image("readme");
    f.builtByCiPolicy();
    String provenance = BuildToolSigning.provenance(ExampleFixtures.build(), image);

    CustodyReport report =
        Signing.assumeSupported(
            () ->
                snippet(
                    dir.resolve("keys/ci.key").toString(), image.toString(), provenance,
                    dir.resolve("policy.yaml")));

    assertTrue(report.passed(), report.toString());
  }
}
