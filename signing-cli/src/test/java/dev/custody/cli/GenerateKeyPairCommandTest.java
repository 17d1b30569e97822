package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.json.Json;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.PublicKeyInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code custody generate-key-pair}: files, modes, formats, types, passwords and refusals. */
class GenerateKeyPairCommandTest {
  static final String PASSWORD = "s3cret-Pa55word";

  @TempDir Path dir;

  private String prefix(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void generateKeyPair_custodyPassword_writesEncryptedKey0600AndPublicKey() throws Exception {
    CliRun run =
        CliRun.withEnv(
            Map.of("CUSTODY_PASSWORD", PASSWORD), "generate-key-pair", "--output-key-prefix", prefix("cosign"));

    assertEquals(0, run.exitCode(), run.toString());
    Path key = dir.resolve("cosign.key");
    Path pub = dir.resolve("cosign.pub");
    assertTrue(run.out().contains("Private key written to " + key), run.toString());
    assertTrue(run.out().contains("Public key written to " + pub), run.toString());
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
    assertEquals(publicKeyOf(pub), privateKeyOf(key, PASSWORD));
    assertFalse((run.out() + run.err()).contains(PASSWORD), "the password was printed");
  }

  @Test
  void generateKeyPair_cosignPasswordOnly_isUsed() throws Exception {
    CliRun run =
        CliRun.withEnv(Map.of("COSIGN_PASSWORD", "from-cosign"), "generate-key-pair", "--output-key-prefix", prefix("c"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(publicKeyOf(dir.resolve("c.pub")), privateKeyOf(dir.resolve("c.key"), "from-cosign"));
  }

  @Test
  void generateKeyPair_custodyPasswordWinsOverCosignPassword() throws Exception {
    CliRun run =
        CliRun.withEnv(
            Map.of("CUSTODY_PASSWORD", "first", "COSIGN_PASSWORD", "second"),
            "generate-key-pair",
            "--output-key-prefix",
            prefix("both"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(publicKeyOf(dir.resolve("both.pub")), privateKeyOf(dir.resolve("both.key"), "first"));
  }

  @Test
  void generateKeyPair_passwordStdin_readsFirstLine() throws Exception {
    CliRun run =
        CliRun.in(
            CliRun.terminal(Map.of(), "piped\nignored\n"),
            "generate-key-pair",
            "--password-stdin",
            "--output-key-prefix",
            prefix("stdin"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(publicKeyOf(dir.resolve("stdin.pub")), privateKeyOf(dir.resolve("stdin.key"), "piped"));
  }

  @Test
  void generateKeyPair_passwordFile_readsFirstLine() throws Exception {
    Path file = Files.writeString(dir.resolve("password.txt"), "from-file\n");

    CliRun run =
        CliRun.of("generate-key-pair", "--password-file", file.toString(), "--output-key-prefix", prefix("f"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(publicKeyOf(dir.resolve("f.pub")), privateKeyOf(dir.resolve("f.key"), "from-file"));
  }

  @Test
  void generateKeyPair_prompt_asksTwiceAndUsesTheAnswer() throws Exception {
    Prompt prompt = new Prompt("typed", "typed");

    CliRun run = CliRun.in(prompt.terminal(), "generate-key-pair", "--output-key-prefix", prefix("p"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(2, prompt.shown.size(), prompt.shown.toString());
    assertTrue(prompt.shown.get(0).startsWith("Enter password to encrypt private key "), prompt.shown.toString());
    assertEquals("Enter password again to confirm: ", prompt.shown.get(1));
    assertEquals(publicKeyOf(dir.resolve("p.pub")), privateKeyOf(dir.resolve("p.key"), "typed"));
  }

  @Test
  void generateKeyPair_promptAnswersDiffer_exit2AndNoFiles() {
    Prompt prompt = new Prompt("one", "two");

    CliRun run = CliRun.in(prompt.terminal(), "generate-key-pair", "--output-key-prefix", prefix("d"));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("the two passwords entered differ"), run.toString());
    assertFalse(run.err().contains("one") || run.err().contains("two\n"), run.toString());
    assertFalse(Files.exists(dir.resolve("d.key")));
  }

  @Test
  void generateKeyPair_noPasswordAnywhere_exit2TellingWhereAPasswordComesFrom() {
    CliRun run = CliRun.of("generate-key-pair", "--output-key-prefix", prefix("none"));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("set CUSTODY_PASSWORD or COSIGN_PASSWORD"), run.toString());
    assertTrue(run.err().contains("hint: "), run.toString());
    assertFalse(Files.exists(dir.resolve("none.key")));
  }

  @Test
  void generateKeyPair_existingKey_exit2SuggestsForceAndLeavesItAlone() throws Exception {
    Files.writeString(dir.resolve("old.key"), "precious");

    CliRun run =
        CliRun.withEnv(Map.of("CUSTODY_PASSWORD", PASSWORD), "generate-key-pair", "--output-key-prefix", prefix("old"));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("old.key already exists; pass --force to replace it"), run.toString());
    assertEquals("precious", Files.readString(dir.resolve("old.key")));
    assertFalse(Files.exists(dir.resolve("old.pub")));
  }

  @Test
  void generateKeyPair_force_replacesExistingKey() throws Exception {
    Files.writeString(dir.resolve("old.key"), "precious");

    CliRun run =
        CliRun.withEnv(
            Map.of("CUSTODY_PASSWORD", PASSWORD), "generate-key-pair", "--force", "--output-key-prefix", prefix("old"));

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(publicKeyOf(dir.resolve("old.pub")), privateKeyOf(dir.resolve("old.key"), PASSWORD));
  }

  @Test
  void generateKeyPair_pkcs8_unencryptedAndNeedsNoPassword() throws Exception {
    CliRun run = CliRun.of("generate-key-pair", "--format", "pkcs8", "--output-key-prefix", prefix("plain"));

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.readString(dir.resolve("plain.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals(publicKeyOf(dir.resolve("plain.pub")), privateKeyOf(dir.resolve("plain.key"), ""));
  }

  @Test
  void generateKeyPair_eachType_json() throws Exception {
    Map<String, String> expected =
        Map.of("ecdsa-p256", "EC P-256", "ecdsa-p384", "EC P-384", "ed25519", "Ed25519", "rsa-3072", "RSA");
    for (Map.Entry<String, String> type : expected.entrySet()) {
      CliRun run =
          CliRun.withEnv(
              Map.of("CUSTODY_PASSWORD", PASSWORD),
              "--output",
              "json",
              "generate-key-pair",
              "--type",
              type.getKey(),
              "--output-key-prefix",
              prefix(type.getKey()));

      assertEquals(0, run.exitCode(), run.toString());
      JsonNode json = Json.read(Bytes.utf8(run.out()), "generate-key-pair output");
      assertEquals(type.getValue(), json.get("keyType").asText(), run.toString());
      assertEquals(dir.resolve(type.getKey() + ".key").toString(), json.get("privateKey").asText());
      assertEquals(dir.resolve(type.getKey() + ".pub").toString(), json.get("publicKey").asText());
      assertTrue(json.get("certificate").isNull(), run.toString());
      PublicKeyInfo key = publicKeyOf(dir.resolve(type.getKey() + ".pub"));
      assertEquals(key.fingerprint().toString(), json.get("fingerprint").asText());
      assertEquals(key.keyId().toString(), json.get("keyId").asText());
      assertEquals(key.algorithm().name(), json.get("algorithm").asText());
    }
  }

  @Test
  void generateKeyPair_unknownType_exit2NamingTheChoices() {
    CliRun run = CliRun.of("generate-key-pair", "--type", "dsa", "--output-key-prefix", prefix("x"));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("expected ecdsa-p256, ecdsa-p384, rsa-3072 or ed25519, got 'dsa'"), run.toString());
  }

  @Test
  void generateKeyPair_certificate_writesSelfSignedTestCertificateAndWarns() throws Exception {
    CliRun run =
        CliRun.withEnv(
            Map.of("CUSTODY_PASSWORD", PASSWORD),
            "generate-key-pair",
            "--certificate",
            "release.example.com",
            "--type",
            "ecdsa-p256",
            "--output-key-prefix",
            prefix("notary"));

    assertEquals(0, run.exitCode(), run.toString());
    Path crt = dir.resolve("notary.crt");
    assertTrue(run.out().contains("Test certificate (NOT FOR PRODUCTION) written to " + crt), run.toString());
    assertTrue(run.err().contains("NOT FOR PRODUCTION"), run.toString());
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(crt)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=release.example.com"));
    assertTrue(certificate.getSubjectX500Principal().getName().contains("NOT FOR PRODUCTION"));
    assertEquals(publicKeyOf(dir.resolve("notary.pub")).spki(), Bytes.of(certificate.getPublicKey().getEncoded()));
  }

  @Test
  void generateKeyPair_certificateWithEd25519_exit2() {
    CliRun run =
        CliRun.of("generate-key-pair", "--certificate", "x", "--type", "ed25519", "--output-key-prefix", prefix("e"));

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("needs an RSA, EC P-256 or EC P-384 key"), run.toString());
  }

  static PublicKeyInfo publicKeyOf(Path pub) throws Exception {
    return Custody.builder().build().verifier(KeyRef.parse(pub.toString())).publicKey();
  }

  static PublicKeyInfo privateKeyOf(Path key, String password) throws Exception {
    return Custody.builder()
        .build()
        .signer(KeyRef.parse(key.toString()), PasswordSource.fixed(password.toCharArray()))
        .publicKey();
  }

  /** A scripted prompt that records what it showed. */
  static final class Prompt {
    final List<String> shown = new ArrayList<>();
    private final Deque<String> answers;

    Prompt(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    Terminal terminal() {
      return new Terminal(
          Map.of(),
          CliRun.stdin(""),
          Optional.of(
              text -> {
                shown.add(text);
                return Optional.ofNullable(answers.poll()).map(String::toCharArray);
              }));
    }
  }
}
