package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custody gate} over Kubernetes and ACI YAML on the real registry: an image counts when it
 * carries an approval attestation by the trusted approver (a one-stage custody policy).
 */
class GateCommandTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path dir;

  private final Custody custody = Custody.builder().build();
  private Path policy;
  private String approved;
  private Digest approvedDigest;
  private String unapproved;

  @BeforeEach
  void imagesAndPolicy() throws Exception {
    GeneratedKeyPair keys =
        custody.generateKeyPair(
            dir.resolve("approver"),
            KeyPairOptions.builder().fileFormat(KeyFileFormat.PKCS8).build(),
            PasswordSource.fixed("gate-test".toCharArray()));
    Signer approver =
        custody.signer(
            KeyRef.parse(keys.privateKeyFile().toString()),
            PasswordSource.fixed("gate-test".toCharArray()));
    approved = push("gate-approved");
    unapproved = push("gate-unapproved");
    String approval =
        "{\"approver\":\"alice\",\"approvedAt\":\"" + Instant.now().minusSeconds(60) + "\"}";
    approvedDigest =
        custody
            .attest(
                ImageReference.parse(approved),
                approver,
                "approval",
                Bytes.utf8(approval),
                AttestOptions.defaults())
            .resolved()
            .digest();
    policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "apiVersion: custody/v1\n"
            + "kind: CustodyPolicy\n"
            + "name: gate-test\n"
            + "scopes: [\"" + REGISTRY.hostPort() + "/**\"]\n"
            + "signers:\n"
            + "  alice: { publicKey: " + keys.publicKeyFile() + " }\n"
            + "stages:\n"
            + "  - name: approve\n"
            + "    attestation: { predicateType: https://custody.dev/attestation/approval/v1 }\n"
            + "    signers: [alice]\n");
  }

  private String push(String name) throws Exception {
    TestImages.Image image = TestImages.image(name);
    String layout = TestImages.layoutReference(TestImages.writeLayout(dir.resolve(name), "v1", image), "v1");
    String remote = REGISTRY.reference(REGISTRY.uniqueRepository(name), "v1");
    custody.copy(ImageReference.parse(layout), ImageReference.parse(remote));
    return remote;
  }

  @Test
  void gate_signedAndUnsignedImages_exitsOneNamingTheUnapprovedWithItsLocation() throws Exception {
    Path deploy = dir.resolve("deploy.yaml");
    Files.writeString(
        deploy,
        "# two workloads\n"
            + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"
            + "spec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: " + approved + "\n"
            + "---\n"
            + "apiVersion: v1\nkind: Pod\nmetadata: {name: job}\n"
            + "spec:\n  initContainers:\n    - name: setup\n      image: " + unapproved + "\n");

    CliRun run = CliRun.of("gate", "--policy", policy.toString(), "--pin", "-o", dir.resolve("out.yaml").toString(), deploy.toString());

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains(unapproved), run.toString());
    assertTrue(run.err().contains("spec.initContainers[0].image"), run.toString());
    assertTrue(run.err().contains("document 1"), run.toString());
    assertFalse(run.err().contains(approved + ":"), run.toString());
    assertFalse(Files.exists(dir.resolve("out.yaml")), "nothing is pinned when an image fails");
  }

  @Test
  void gate_allApproved_pinsEveryImageToTheVerifiedDigestKeepingComments() throws Exception {
    Path deploy = dir.resolve("deploy.yaml");
    String yaml =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}  # keep me\n"
            + "spec:\n  template:\n    spec:\n      containers:\n"
            + "        - name: api\n          image: " + approved + "\n"
            + "        - name: sidecar\n          image: \"" + approved + "\"\n";
    Files.writeString(deploy, yaml);
    Path out = dir.resolve("pinned.yaml");

    CliRun run = CliRun.of("gate", "--policy", policy.toString(), "--pin", "-o", out.toString(), deploy.toString());

    assertEquals(0, run.exitCode(), run.toString());
    String pinnedImage = approved.substring(0, approved.lastIndexOf(':')) + "@" + approvedDigest;
    String expected = yaml.replace(approved, pinnedImage);
    assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void gate_aciContainerGroup_unapprovedImageFailsApprovedPasses() throws Exception {
    Path aci = dir.resolve("aci.yaml");
    Files.writeString(
        aci,
        "apiVersion: 2021-10-01\nlocation: westeurope\nname: group\ntype: Microsoft.ContainerInstance/containerGroups\n"
            + "properties:\n  osType: Linux\n  containers:\n"
            + "    - name: web\n      properties:\n        image: " + approved + "\n"
            + "        resources: {requests: {cpu: 1, memoryInGb: 1}}\n"
            + "  initContainers:\n    - name: init\n      properties:\n        image: " + unapproved + "\n");

    CliRun run = CliRun.of("--output", "json", "gate", "--policy", policy.toString(), aci.toString());

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("\"verdict\":\"fail\""), run.toString());
    assertTrue(run.out().contains("properties.initContainers[0].properties.image"), run.toString());
    assertTrue(run.out().contains("\"digest\":\"" + approvedDigest + "\""), run.toString());
  }

  @Test
  void gate_neitherPolicyNorKey_usageError() {
    CliRun run = CliRun.of("gate", "deploy.yaml");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--policy FILE or --key PUB"), run.toString());
  }
}
