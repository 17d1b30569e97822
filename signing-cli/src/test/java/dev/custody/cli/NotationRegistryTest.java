package dev.custody.cli;

import static dev.custody.cli.NotationCli.ENV;
import static dev.custody.cli.NotationCli.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Notary Project signature made and verified through the command line on a real registry
 * (Debian's docker-registry): the signature manifest goes through the referrers tag-schema fallback
 * where the registry has no referrers API, and {@code verify} with a trust policy and store finds
 * it there.
 */
class NotationRegistryTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;

  @Test
  void generateSignVerifyTree_notationOnTheRegistry() throws Exception {
    TestImages.Image image = TestImages.image("notation-cli-registry");
    String source = TestImages.layoutReference(TestImages.writeLayout(dir.resolve("layout"), "v1", image), "v1");
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository("notation-cli"), "v1");
    CliRun copy = CliRun.of("copy", source, remote);
    assertEquals(0, copy.exitCode(), copy.toString());
    Path release = NotationCli.keyPair(dir.resolve("release"), "rsa-3072", "release.example.com");
    Path other = NotationCli.keyPair(dir.resolve("other"), "ecdsa-p384", "other.example.com");
    Path trusted = NotationCli.trustStore(dir.resolve("ts"), "release", Path.of(file(release, ".crt")));
    Path untrusted = NotationCli.trustStore(dir.resolve("ts-other"), "release", Path.of(file(other, ".crt")));
    Path policy = NotationCli.globalPolicy(dir.resolve("trustpolicy.json"), "release");

    CliRun sign =
        CliRun.withEnv(ENV, "sign", "--format", "notation", "--key", file(release, ".key"),
            "--certificate", file(release, ".crt"), remote);
    CliRun verify =
        CliRun.of("verify", "--trust-policy", policy.toString(), "--trust-store", trusted.toString(), remote);
    CliRun refused =
        CliRun.of("verify", "--trust-policy", policy.toString(), "--trust-store", untrusted.toString(), remote);
    CliRun tree = CliRun.of("tree", remote);

    assertEquals(0, sign.exitCode(), sign.toString());
    assertTrue(sign.out().contains(image.digest().toString()), sign.toString());
    assertEquals(0, verify.exitCode(), verify.toString());
    assertTrue(verify.out().contains("notation  notation  certificate \""), verify.toString());
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.out().contains("UNTRUSTED_SIGNER"), refused.toString());
    assertEquals(0, tree.exitCode(), tree.toString());
    assertTrue(tree.out().contains("application/vnd.cncf.notary.signature"), tree.toString());
  }
}
