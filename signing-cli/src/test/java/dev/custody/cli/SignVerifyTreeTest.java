package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.TestImages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release engineer's job end to end on a real OCI layout, through the real implementation:
 * generate-key-pair, sign, verify (with the right key and with another), tree, in text and JSON.
 */
class SignVerifyTreeTest {
  private static final String PASSWORD = "e2e-Passphrase-7";
  private static final Map<String, String> ENV = Map.of("CUSTODY_PASSWORD", PASSWORD);

  @TempDir Path dir;
  private String image;
  private String key;
  private String pub;
  private String otherPub;
  private final TestImages.Image built = TestImages.image("e2e");

  @BeforeEach
  void keysAndImage() {
    TestImages.writeLayout(dir.resolve("layout"), "v1", built);
    image = TestImages.layoutReference(dir.resolve("layout"), "v1");
    for (String name : new String[] {"release", "other"}) {
      CliRun run = CliRun.withEnv(ENV, "generate-key-pair", "--output-key-prefix", dir.resolve(name).toString());
      assertEquals(0, run.exitCode(), run.toString());
    }
    key = dir.resolve("release.key").toString();
    pub = dir.resolve("release.pub").toString();
    otherPub = dir.resolve("other.pub").toString();
  }

  private CliRun sign(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "sign";
    args[1] = "--key";
    args[2] = key;
    System.arraycopy(extra, 0, args, 3, extra.length);
    args[args.length - 1] = image;
    CliRun run = CliRun.withEnv(ENV, args);
    SchemeAvailability.assumeSigned(run);
    assertEquals(0, run.exitCode(), run.toString());
    return run;
  }

  @Test
  void signThenVerify_rightKey_exit0AndReportNamesTheSigner() throws Exception {
    CliRun signed = sign("-a", "team=payments");
    assertTrue(signed.out().startsWith("Signed " + image + " (" + built.digest() + ")"), signed.toString());

    CliRun text = CliRun.of("verify", "--key", pub, "-a", "team=payments", image);
    CliRun json = CliRun.of("--output", "json", "verify", "--key", pub, image);

    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("cosign  cosign-sig  " + pub + " (key sha256:"), text.toString());
    assertTrue(text.out().contains("  verified\n"), text.toString());
    assertTrue(text.out().lines().reduce((a, b) -> b).orElse("").startsWith("VERIFIED: "), text.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode doc = Json.read(Bytes.utf8(json.out()), "verify output");
    assertEquals(built.digest().toString(), doc.get("digest").asText());
    assertEquals("VERIFIED", doc.get("outcome").asText());
    assertTrue(doc.get("passed").asBoolean());
    JsonNode signature = doc.get("signatures").get(0);
    assertEquals("cosign", signature.get("format").asText());
    assertTrue(signature.get("verified").asBoolean());
    assertTrue(signature.get("reason").isNull());
    assertTrue(signature.get("signer").asText().startsWith("key sha256:"), json.toString());
  }

  @Test
  void signThenVerify_anotherKey_exit1WithTheReasonShown() throws Exception {
    sign();

    CliRun text = CliRun.of("verify", "--key", otherPub, image);
    CliRun json = CliRun.of("verify", "--output", "json", "--key", otherPub, image);

    assertEquals(1, text.exitCode(), text.toString());
    assertTrue(text.out().contains("NONE_TRUSTED: "), text.toString());
    assertTrue(text.err().contains("custody: NONE_TRUSTED"), text.toString());
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode signature = Json.read(Bytes.utf8(json.out()), "verify output").get("signatures").get(0);
    assertFalse(signature.get("verified").asBoolean());
    assertFalse(signature.get("reason").isNull(), json.toString());
    assertTrue(text.out().contains(signature.get("reason").asText()), text.toString());
  }

  @Test
  void signThenVerify_requiredAnnotationMissing_exit1() {
    sign();

    CliRun run = CliRun.of("verify", "--key", pub, "-a", "team=other", image);

    assertEquals(1, run.exitCode(), run.toString());
  }

  @Test
  void signTwoKeysThenTree_showsTheSignatureTagWithOneLayerPerSignature() throws Exception {
    sign();
    key = dir.resolve("other.key").toString();
    sign();

    CliRun text = CliRun.of("tree", image);
    CliRun json = CliRun.of("--output", "json", "tree", image);

    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("signature  cosign-tag  " + built.digest().toTagForm() + ".sig"), text.toString());
    JsonNode attachment = Json.read(Bytes.utf8(json.out()), "tree output").get("attachments").get(0);
    assertEquals("signature", attachment.get("kind").asText());
    assertEquals(2, attachment.get("layers").size(), json.toString());
  }

  @Test
  void signOci11_treeShowsAReferrerAndVerifyReadsIt() throws Exception {
    sign("--registry-referrers-mode", "oci-1-1");

    CliRun tree = CliRun.of("--output", "json", "tree", image);
    CliRun verify = CliRun.of("verify", "--key", pub, image);

    JsonNode attachment = Json.read(Bytes.utf8(tree.out()), "tree output").get("attachments").get(0);
    assertEquals("referrer", attachment.get("storage").asText(), tree.toString());
    assertEquals("signature", attachment.get("kind").asText(), tree.toString());
    assertEquals(0, verify.exitCode(), verify.toString());
  }

  @Test
  void sign_json_namesDigestAndStoredSignature() throws Exception {
    CliRun run = CliRun.withEnv(ENV, "--output", "json", "sign", "--key", key, image);
    SchemeAvailability.assumeSigned(run);

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode doc = Json.read(Bytes.utf8(run.out()), "sign output");
    assertEquals(built.digest().toString(), doc.get("digest").asText());
    assertEquals(built.digest().toString(), doc.get("signatures").get(0).get("subject").asText());
    assertFalse(run.out().contains(PASSWORD) || run.err().contains(PASSWORD), run.toString());
  }
}
