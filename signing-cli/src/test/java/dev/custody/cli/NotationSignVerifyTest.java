package dev.custody.cli;

import static dev.custody.cli.NotationCli.ENV;
import static dev.custody.cli.NotationCli.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.notary.TestPki;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Notary Project signatures through the command line on a real OCI layout: {@code
 * generate-key-pair --certificate}, {@code sign --format notation}, then {@code verify} with a
 * notation trust policy and store (notation's directory layout) or with the public key, and {@code
 * tree}. The signer uses the algorithm Notary fixes for the key (FORMATS.md §5.5), read back from
 * the stored envelope.
 */
class NotationSignVerifyTest {
  @TempDir Path dir;
  private final TestImages.Image built = TestImages.image("notation-cli");
  private Path layout;
  private String image;

  @BeforeEach
  void layout() {
    layout = TestImages.writeLayout(dir.resolve("layout"), "v1", built);
    image = TestImages.layoutReference(layout, "v1");
  }

  private CliRun signNotation(Path prefix) {
    return CliRun.withEnv(
        ENV, "sign", "--format", "notation", "--key", file(prefix, ".key"),
        "--certificate", file(prefix, ".crt"), image);
  }

  /** A trust store whose {@code ca:release} holds {@code trusted}, and a global policy naming it. */
  private String[] trust(Path... trusted) throws Exception {
    Path store = NotationCli.trustStore(Files.createTempDirectory(dir, "ts"), "release", trusted);
    Path policy = NotationCli.globalPolicy(store.resolveSibling(store.getFileName() + ".json"), "release");
    return new String[] {"--trust-policy", policy.toString(), "--trust-store", store.toString()};
  }

  private CliRun verifyWithStore(Path... trusted) throws Exception {
    String[] trust = trust(trusted);
    return CliRun.of("verify", trust[0], trust[1], trust[2], trust[3], image);
  }

  private Digest signatureManifest(CliRun signed) throws Exception {
    CliRun json = CliRun.of("--output", "json", "tree", image);
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode attachment = Json.read(Bytes.utf8(json.out()), "tree output").get("attachments").get(0);
    assertTrue(signed.out().contains(attachment.get("digest").asText()), signed + "\n" + json);
    return Digest.parse(attachment.get("digest").asText());
  }

  @ParameterizedTest(name = "{0} signs with {1}")
  @CsvSource({"ecdsa-p256, ES256", "ecdsa-p384, ES384", "rsa-3072, PS384"})
  void signNotation_eachKeyType_usesNotarysAlgorithmAndVerifiesWithTrustPolicy(String type, String alg)
      throws Exception {
    Path release = NotationCli.keyPair(dir.resolve("release"), type, "release.example.com");

    CliRun signed = signNotation(release);
    String[] trust = trust(Path.of(file(release, ".crt")));
    CliRun verified = CliRun.of("verify", trust[0], trust[1], trust[2], trust[3], image);
    CliRun json = CliRun.of("--output", "json", "verify", trust[0], trust[1], trust[2], trust[3], image);

    assertEquals(0, signed.exitCode(), signed.toString());
    assertTrue(signed.out().startsWith("Signed " + image + " (" + built.digest() + ")"), signed.toString());
    assertTrue(signed.out().contains("  notation  "), signed.toString());
    assertEquals(alg, NotationCli.protectedHeader(layout, signatureManifest(signed)).get("alg").asText());
    assertEquals(0, verified.exitCode(), verified.toString());
    assertTrue(verified.out().contains("notation  notation  certificate \""), verified.toString());
    assertTrue(verified.out().contains("CN=release.example.com"), verified.toString());
    assertTrue(verified.out().lines().reduce((a, b) -> b).orElse("").startsWith("VERIFIED: "), verified.toString());
    JsonNode signature = Json.read(Bytes.utf8(json.out()), "verify output").get("signatures").get(0);
    assertEquals("notation", signature.get("format").asText(), json.toString());
    assertEquals("notation", signature.get("storage").asText(), json.toString());
    assertTrue(signature.get("verified").asBoolean(), json.toString());
  }

  @Test
  void verifyTrustPolicy_anotherCertificateInTheStore_exit1WithTheReason() throws Exception {
    Path release = NotationCli.keyPair(dir.resolve("release"), "rsa-3072", "release.example.com");
    Path other = NotationCli.keyPair(dir.resolve("other"), "ecdsa-p256", "other.example.com");
    assertEquals(0, signNotation(release).exitCode());

    CliRun run = verifyWithStore(Path.of(file(other, ".crt")));

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("notation  notation  -  UNTRUSTED_SIGNER  "), run.toString());
    assertTrue(run.out().contains("NONE_TRUSTED: "), run.toString());
    assertTrue(run.err().contains("custody: NONE_TRUSTED"), run.toString());
  }

  @Test
  void verifyKey_notationFormat_trustsThePublicKeyOrTheCertificate() throws Exception {
    Path release = NotationCli.keyPair(dir.resolve("release"), "rsa-3072", "release.example.com");
    Path other = NotationCli.keyPair(dir.resolve("other"), "rsa-3072", "other.example.com");
    assertEquals(0, signNotation(release).exitCode());

    CliRun byKey = CliRun.of("verify", "--format", "notation", "--key", file(release, ".pub"), image);
    CliRun byCertificate = CliRun.of("verify", "--format", "notation", "--key", file(release, ".crt"), image);
    CliRun otherKey = CliRun.of("verify", "--format", "notation", "--key", file(other, ".pub"), image);
    CliRun cosignOnly = CliRun.of("verify", "--format", "cosign", "--key", file(release, ".pub"), image);

    assertEquals(0, byKey.exitCode(), byKey.toString());
    assertTrue(byKey.out().contains("notation  notation  " + file(release, ".pub") + " (key sha256:"), byKey.toString());
    assertEquals(0, byCertificate.exitCode(), byCertificate.toString());
    assertEquals(1, otherKey.exitCode(), otherKey.toString());
    assertTrue(otherKey.out().contains("UNTRUSTED_SIGNER"), otherKey.toString());
    assertEquals(1, cosignOnly.exitCode(), cosignOnly.toString());
    assertTrue(cosignOnly.out().contains("NO_SIGNATURES: "), cosignOnly.toString());
  }

  @Test
  void tree_afterNotationSign_listsTheSignatureReferrer() throws Exception {
    Path release = NotationCli.keyPair(dir.resolve("release"), "ecdsa-p256", "release.example.com");
    CliRun signed = signNotation(release);
    Digest manifest = signatureManifest(signed);

    CliRun tree = CliRun.of("tree", image);

    assertEquals(0, tree.exitCode(), tree.toString());
    assertTrue(
        tree.out().contains("signature  referrer  " + manifest + "  application/vnd.cncf.notary.signature"),
        tree.toString());
  }

  @Test
  void signNotation_certificateChain_verifiesAgainstTheRootInTheStore() throws Exception {
    KeyPair rootKeys = TestPki.ec();
    KeyPair leafKeys = TestPki.rsa(3072);
    String rootName = "CN=Custody CLI Test Root,O=Custody Test,ST=WA,C=US";
    X509Certificate root = TestPki.cert(rootName, rootKeys, rootName, rootKeys.getPrivate(), true, 0, null);
    X509Certificate leaf =
        TestPki.cert("CN=Custody CLI Test Signer,O=Custody Test,ST=WA,C=US", leafKeys, rootName,
            rootKeys.getPrivate(), false, -1, KeyPurposeId.id_kp_codeSigning);
    Path key = Files.writeString(dir.resolve("leaf.pem"), pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
    Path leafFile = Files.writeString(dir.resolve("leaf.crt"), pem("CERTIFICATE", leaf.getEncoded()));
    Path rootFile = Files.writeString(dir.resolve("root.crt"), pem("CERTIFICATE", root.getEncoded()));

    CliRun signed =
        CliRun.withEnv(ENV, "sign", "--format", "notation", "--key", key.toString(), "--certificate",
            leafFile.toString(), "--certificate-chain", rootFile.toString(), image);
    CliRun byRoot = verifyWithStore(rootFile);
    CliRun byLeafOnly = verifyWithStore(leafFile);

    assertEquals(0, signed.exitCode(), signed.toString());
    assertEquals("PS384", NotationCli.protectedHeader(layout, signatureManifest(signed)).get("alg").asText());
    assertEquals(0, byRoot.exitCode(), byRoot.toString());
    assertEquals(1, byLeafOnly.exitCode(), byLeafOnly.toString());
  }

  @Test
  void signNotation_certificateOfAnotherRsaKey_exit2NamingTheMismatch() throws Exception {
    Path release = NotationCli.keyPair(dir.resolve("release"), "rsa-3072", "release.example.com");
    Path other = NotationCli.keyPair(dir.resolve("other"), "rsa-3072", "other.example.com");

    CliRun run =
        CliRun.withEnv(ENV, "sign", "--format", "notation", "--key", file(release, ".key"),
            "--certificate", file(other, ".crt"), image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("the signing certificate does not belong to the signing key"), run.toString());
  }

  @Test
  void signNotation_rsaCertificateForAnEcKey_exit2NamingTheAlgorithmAndTheCertificate() throws Exception {
    Path ec = NotationCli.keyPair(dir.resolve("ec"), "ecdsa-p256", "ec.example.com");
    Path rsa = NotationCli.keyPair(dir.resolve("rsa"), "rsa-3072", "rsa.example.com");

    CliRun run =
        CliRun.withEnv(ENV, "sign", "--format", "notation", "--key", file(ec, ".key"),
            "--certificate", file(rsa, ".crt"), image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("RSA_PSS_SHA384"), run.toString());
    assertTrue(run.err().contains("check that the certificate belongs to this key"), run.toString());
    assertFalse(run.err().contains(ENV.get("CUSTODY_PASSWORD")), run.toString());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
