package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.policy.SignatureFormat;
import dev.custody.registry.Credential;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI layer decides for {@code sign}: option mapping to {@link SignOptions}, key opening
 * failures, output. The signing itself is exercised end to end in {@code SignVerifyTreeTest}.
 */
class SignCommandTest {
  private static final Map<String, String> ENV = Map.of("CUSTODY_PASSWORD", GenerateKeyPairCommandTest.PASSWORD);

  @TempDir Path dir;
  private String key;
  private final RecordingProvider provider = new RecordingProvider();

  @BeforeEach
  void generateKey() {
    CliRun run = CliRun.withEnv(ENV, "generate-key-pair", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, run.exitCode(), run.toString());
    key = dir.resolve("k.key").toString();
  }

  private CliRun sign(Map<String, String> env, String stdin, String... args) {
    return CliRun.with(provider::custody, CliRun.terminal(env, stdin), args);
  }

  @Test
  void sign_options_mappedToSignOptions() {
    CliRun run =
        sign(
            ENV,
            "",
            "sign",
            "--key",
            key,
            "-a",
            "team=payments",
            "--annotations",
            "build=42",
            "--recursive",
            "--registry-referrers-mode",
            "oci-1-1",
            "oci:/tmp/layout:v1");

    assertEquals(0, run.exitCode(), run.toString());
    SignOptions options = provider.signed.get(0);
    assertEquals(SignatureFormat.COSIGN, options.format());
    assertEquals(Map.of("team", "payments", "build", "42"), options.annotations());
    assertTrue(options.recursive());
    assertEquals(ReferrersMode.OCI_1_1, options.referrersMode());
  }

  @Test
  void sign_text_printsImageDigestAndEachStoredSignature() {
    CliRun run = sign(ENV, "", "sign", "--key", key, "oci:/tmp/layout:v1");

    String digest = RecordingProvider.IMAGE.digest().toString();
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("Signed oci:/tmp/layout:v1 (" + digest + ")\n"), run.toString());
    assertTrue(run.out().contains("  " + digest + "  cosign-sig  " + RecordingProvider.IMAGE.digest().toTagForm() + ".sig  manifest sha256:"), run.toString());
  }

  @Test
  void sign_json_documentWithSignatures() throws Exception {
    CliRun run = sign(ENV, "", "--output", "json", "sign", "--key", key, "oci:/tmp/layout:v1");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = Json.read(Bytes.utf8(run.out()), "sign output");
    assertEquals("oci:/tmp/layout:v1", json.get("image").asText());
    assertEquals(RecordingProvider.IMAGE.digest().toString(), json.get("digest").asText());
    JsonNode signature = json.get("signatures").get(0);
    assertEquals("cosign-sig", signature.get("storage").asText());
    assertEquals(RecordingProvider.IMAGE.digest().toString(), signature.get("subject").asText());
    assertTrue(signature.get("location").asText().endsWith(".sig"));
    assertTrue(signature.get("manifest").asText().startsWith("sha256:"));
  }

  @Test
  void sign_missingKeyFile_exit2WithHintAndNothingSigned() {
    CliRun run = sign(ENV, "", "sign", "--key", dir.resolve("nope.key").toString(), "oci:/tmp/layout:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("nope.key"), run.toString());
    assertTrue(run.err().contains("hint: check the key path"), run.toString());
    assertEquals(List.of(), provider.signed);
  }

  @Test
  void sign_wrongPassword_exit2WithoutEchoingIt() {
    CliRun run = sign(Map.of("CUSTODY_PASSWORD", "not-the-password"), "", "sign", "--key", key, "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("hint: check the key file and its password"), run.toString());
    assertFalse(run.err().contains("not-the-password"), run.toString());
    assertEquals(List.of(), provider.signed);
  }

  @Test
  void sign_passwordFromStdin_opensTheKey() {
    CliRun run =
        sign(Map.of(), GenerateKeyPairCommandTest.PASSWORD + "\n", "sign", "--key", key, "--password-stdin", "oci:/tmp/l:v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertFalse(run.out().contains(GenerateKeyPairCommandTest.PASSWORD), run.toString());
  }

  @Test
  void sign_malformedAnnotation_exit2() {
    CliRun run = sign(ENV, "", "sign", "--key", key, "-a", "novalue", "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("-a: expected KEY=VALUE, got 'novalue'"), run.toString());
  }

  @Test
  void sign_unknownFormatOrMode_exit2NamingTheChoices() {
    CliRun format = sign(ENV, "", "sign", "--key", key, "--format", "pgp", "oci:/tmp/l:v1");
    CliRun mode = sign(ENV, "", "sign", "--key", key, "--registry-referrers-mode", "both", "oci:/tmp/l:v1");

    assertEquals(2, format.exitCode(), format.toString());
    assertTrue(format.err().contains("expected cosign or notation, got 'pgp'"), format.toString());
    assertEquals(2, mode.exitCode(), mode.toString());
    assertTrue(mode.err().contains("expected legacy or oci-1-1, got 'both'"), mode.toString());
  }

  @Test
  void sign_notationWithCertificateAndChain_passesDerChainLeafFirst() throws Exception {
    CliRun cert =
        CliRun.withEnv(
            ENV, "generate-key-pair", "--certificate", "leaf.example", "--type", "ecdsa-p256",
            "--output-key-prefix", dir.resolve("leaf").toString());
    CliRun other =
        CliRun.withEnv(
            ENV, "generate-key-pair", "--certificate", "ca.example", "--type", "ecdsa-p256",
            "--output-key-prefix", dir.resolve("ca").toString());
    assertEquals(0, cert.exitCode() + other.exitCode(), cert + "\n" + other);

    CliRun run =
        sign(
            ENV, "", "sign", "--format", "notation", "--key", dir.resolve("leaf.key").toString(),
            "--certificate", dir.resolve("leaf.crt").toString(),
            "--certificate-chain", dir.resolve("ca.crt").toString(), "oci:/tmp/l:v1");

    assertEquals(0, run.exitCode(), run.toString());
    SignOptions options = provider.signed.get(0);
    assertEquals(SignatureFormat.NOTATION, options.format());
    assertEquals(2, options.certificateChain().size());
    assertTrue(
        Files.readString(dir.resolve("leaf.crt")).contains(
            java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(options.certificateChain().get(0).toByteArray()).substring(0, 64)));
  }

  @Test
  void sign_certificateNotACertificate_exit2() throws Exception {
    Path bogus = Files.writeString(dir.resolve("bogus.crt"), "hello");

    CliRun run = sign(ENV, "", "sign", "--key", key, "--certificate", bogus.toString(), "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("bogus.crt: not an X.509 certificate"), run.toString());
  }

  @Test
  void sign_bothPasswordsFromStdin_exit2() {
    CliRun run =
        sign(Map.of(), "x\n", "--registry-username", "me", "--registry-password-stdin",
            "sign", "--key", key, "--password-stdin", "r.example/app:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("cannot both read standard input"), run.toString());
  }

  @Test
  void registryOptions_usernameAndStdinPassword_credentialForTheImagesRegistryOnly() throws Exception {
    CliRun run =
        sign(ENV, "hunter2\n", "sign", "--registry-username", "me", "--registry-password-stdin",
            "--allow-http-registry", "--key", key, "registry.example:5000/team/app:v1");

    assertEquals(0, run.exitCode(), run.toString());
    StoreOptions options = provider.storeOptions.get(0);
    assertEquals(
        java.util.Optional.of(Credential.basic("me", "hunter2")),
        options.registry().credentialProviders().get(0).credentialFor("registry.example:5000"));
    assertEquals(
        java.util.Optional.empty(),
        options.registry().credentialProviders().get(0).credentialFor("other.example"));
    assertEquals(java.util.Set.of("registry.example:5000"), options.registry().httpRegistries());
    assertTrue(options.registry().dockerConfig());
    assertFalse(run.out().contains("hunter2") || run.err().contains("hunter2"), run.toString());
  }

  @Test
  void registryOptions_usernameWithoutPasswordStdin_exit2() {
    CliRun run = sign(ENV, "", "--registry-username", "me", "sign", "--key", key, "r.example/app:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--registry-username and --registry-password-stdin go together"), run.toString());
  }

  @Test
  void registryOptions_azureAccessToken_setsTheTokenSource() {
    CliRun run =
        sign(Map.of("CUSTODY_PASSWORD", GenerateKeyPairCommandTest.PASSWORD, "AZURE_ACCESS_TOKEN", "eyJ.tok.en"),
            "", "sign", "--key", key, "myreg.azurecr.io/app:v1");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(provider.storeOptions.get(0).registry().azureTokenSource().isPresent());
    assertTrue(provider.storeOptions.get(0).registry().httpRegistries().isEmpty());
  }
}
