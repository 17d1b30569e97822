package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Digest;
import dev.custody.oci.Platform;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.verify.PlatformSignatures;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI layer decides for {@code verify}: trust options, the mapping to
 * {@link VerifyOptions}, the report's text and JSON, exit codes. Real verification runs end to end
 * in {@code SignVerifyTreeTest}.
 */
class VerifyCommandTest {
  @TempDir Path dir;
  private String pub;
  private Digest fingerprint;

  @BeforeEach
  void generateKey() throws Exception {
    CliRun run = CliRun.of("generate-key-pair", "--format", "pkcs8", "--output-key-prefix", dir.resolve("k").toString());
    assertEquals(0, run.exitCode(), run.toString());
    pub = dir.resolve("k.pub").toString();
    fingerprint = GenerateKeyPairCommandTest.publicKeyOf(dir.resolve("k.pub")).fingerprint();
  }

  private static SignatureReport report(
      dev.custody.oci.ImageReference image,
      SignatureOutcome outcome,
      String message,
      List<dev.custody.policy.Evidence> examined,
      List<PlatformSignatures> platforms) {
    return new SignatureReport(image, RecordingProvider.IMAGE, outcome, message, examined, platforms);
  }

  @Test
  void verify_verified_exit0TextListsEachSignatureThenTheVerdict() {
    RecordingProvider provider =
        new RecordingProvider(
            image ->
                report(
                    image,
                    SignatureOutcome.VERIFIED,
                    "1 of 2 signature(s) verified",
                    List.of(
                        RecordingProvider.failed(ReasonCode.SIGNATURE_INVALID, "does not verify with the key"),
                        RecordingProvider.verifiedBy(fingerprint)),
                    List.of()));

    CliRun run =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--key", pub, "-a", "team=payments",
            "--format", "cosign", "--max-signatures", "7", "oci:/tmp/l:v1");

    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals("cosign  cosign-sig  -  SIGNATURE_INVALID  does not verify with the key", lines.get(0));
    assertEquals("cosign  cosign-sig  " + pub + " (key " + fingerprint + ")  verified", lines.get(1));
    assertEquals("VERIFIED: 1 of 2 signature(s) verified", lines.get(2));
    assertEquals("", run.err());
    VerifyOptions options = provider.verified.get(0);
    assertEquals(Map.of("team", "payments"), options.requiredAnnotations());
    assertEquals(EnumSet.of(SignatureFormat.COSIGN), options.formats());
    assertEquals(7, options.maxSignatures());
    assertEquals(Optional.of(fingerprint), options.signers().get(0).keyFingerprint());
    assertEquals(pub, options.signers().get(0).name());
  }

  @Test
  void verify_noneTrusted_exit1ReasonShownAndHintOnStderr() throws Exception {
    RecordingProvider provider =
        new RecordingProvider(
            image ->
                report(
                    image,
                    SignatureOutcome.NONE_TRUSTED,
                    "1 signature(s) found, none verified",
                    List.of(RecordingProvider.failed(ReasonCode.SIGNATURE_INVALID, "wrong key")),
                    List.of()));

    CliRun text = CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--key", pub, "oci:/tmp/l:v1");
    CliRun json =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "--output", "json", "verify", "--key", pub, "oci:/tmp/l:v1");

    assertEquals(1, text.exitCode(), text.toString());
    assertTrue(text.out().contains("SIGNATURE_INVALID  wrong key"), text.toString());
    assertTrue(text.err().startsWith("custody: NONE_TRUSTED: 1 signature(s) found, none verified"), text.toString());
    assertTrue(text.err().contains("hint: check that you trust the key"), text.toString());
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode doc = Json.read(Bytes.utf8(json.out()), "verify output");
    assertEquals("oci:/tmp/l:v1", doc.get("image").asText());
    assertEquals(RecordingProvider.IMAGE.digest().toString(), doc.get("digest").asText());
    assertEquals("NONE_TRUSTED", doc.get("outcome").asText());
    assertEquals(false, doc.get("passed").asBoolean());
    assertEquals("1 signature(s) found, none verified", doc.get("message").asText());
    JsonNode signature = doc.get("signatures").get(0);
    assertEquals("cosign", signature.get("format").asText());
    assertEquals("cosign-sig", signature.get("storage").asText());
    assertTrue(signature.get("signer").isNull());
    assertEquals(false, signature.get("verified").asBoolean());
    assertEquals("SIGNATURE_INVALID", signature.get("reason").asText());
    assertEquals("wrong key", signature.get("detail").asText());
    assertTrue(signature.get("ref").asText().startsWith("sha256:"));
    assertEquals(0, doc.get("platforms").size());
  }

  @Test
  void verify_platformsUnsigned_exit1WithPlatformLinesAndJson() throws Exception {
    Digest arm = Digest.of(Bytes.utf8("arm"));
    RecordingProvider provider =
        new RecordingProvider(
            image ->
                report(
                    image,
                    SignatureOutcome.PLATFORMS_UNSIGNED,
                    "linux/arm64 unsigned",
                    List.of(RecordingProvider.verifiedBy(fingerprint)),
                    List.of(new PlatformSignatures(Optional.of(Platform.of("linux", "arm64")), arm, List.of()))));

    CliRun text =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--require-all-platforms", "--key", pub, "oci:/tmp/l:v1");
    CliRun json =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--output=json", "--require-all-platforms", "--key", pub, "oci:/tmp/l:v1");

    assertEquals(1, text.exitCode(), text.toString());
    assertTrue(text.out().contains("platform linux/arm64  " + arm + "  NOT VERIFIED"), text.toString());
    assertTrue(text.err().contains("hint: sign the index with --recursive"), text.toString());
    assertTrue(provider.verified.get(0).requireAllPlatforms());
    JsonNode platform = Json.read(Bytes.utf8(json.out()), "verify output").get("platforms").get(0);
    assertEquals("linux/arm64", platform.get("platform").asText());
    assertEquals(arm.toString(), platform.get("digest").asText());
    assertEquals(false, platform.get("verified").asBoolean());
    assertEquals(0, platform.get("signatures").size());
  }

  @Test
  void verify_unsignedLayoutImage_exit1NoSignaturesTellsToSign() throws Exception {
    TestImages.writeLayout(dir.resolve("layout"), "v1", TestImages.image("unsigned"));
    String image = TestImages.layoutReference(dir.resolve("layout"), "v1");

    CliRun text = CliRun.of("verify", "--key", pub, image);
    CliRun json = CliRun.of("verify", "--key", pub, "--output", "json", image);

    assertEquals(1, text.exitCode(), text.toString());
    assertTrue(text.out().startsWith("NO_SIGNATURES: no signatures found for " + image), text.toString());
    assertTrue(text.err().contains("hint: sign the image first"), text.toString());
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode doc = Json.read(Bytes.utf8(json.out()), "verify output");
    assertEquals("NO_SIGNATURES", doc.get("outcome").asText());
    assertEquals(TestImages.image("unsigned").digest().toString(), doc.get("digest").asText());
    assertEquals(0, doc.get("signatures").size());
  }

  @Test
  void verify_missingKeyFile_exit2WithHint() {
    CliRun run = CliRun.of("verify", "--key", dir.resolve("missing.pub").toString(), "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("missing.pub"), run.toString());
    assertTrue(run.err().contains("hint: check the key path"), run.toString());
  }

  @Test
  void verify_keyFileNotAKey_exit2() throws Exception {
    Path bogus = Files.writeString(dir.resolve("bogus.pub"), "not a key\n");

    CliRun run = CliRun.of("verify", "--key", bogus.toString(), "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("bogus.pub"), run.toString());
  }

  @Test
  void verify_noTrust_exit2SayingWhatToPass() {
    CliRun run = CliRun.of("verify", "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("say what to trust: --key PUB, --certificate-roots FILE with --certificate-identity DN, or --trust-policy F with --trust-store DIR"), run.toString());
  }

  @Test
  void verify_keyAndTrustPolicy_exit2() {
    CliRun run = CliRun.of("verify", "--key", pub, "--trust-policy", "p.json", "--trust-store", "s", "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("exclude each other"), run.toString());
  }

  @Test
  void verify_trustPolicyWithoutStore_exit2() {
    CliRun run = CliRun.of("verify", "--trust-policy", "p.json", "oci:/tmp/l:v1");

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--trust-policy and --trust-store go together"), run.toString());
  }

  @Test
  void verify_trustPolicyAndStore_passedAsNotaryTrust() {
    RecordingProvider provider =
        new RecordingProvider(image -> report(image, SignatureOutcome.NO_SIGNATURES, "none", List.of(), List.of()));

    CliRun run =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--trust-policy", "tp.json",
            "--trust-store", "store", "--format", "notation", "oci:/tmp/l:v1");

    assertEquals(1, run.exitCode(), run.toString());
    VerifyOptions options = provider.verified.get(0);
    assertEquals(Optional.of(Path.of("tp.json")), options.trustPolicy());
    assertEquals(Optional.of(Path.of("store")), options.trustStore());
    assertEquals(EnumSet.of(SignatureFormat.NOTATION), options.formats());
  }

  @Test
  void verify_skipped_exit0WithAWarningThatNothingWasVerified() throws Exception {
    RecordingProvider provider =
        new RecordingProvider(
            image -> report(image, SignatureOutcome.SKIPPED, "trust policy release skips verification", List.of(), List.of()));

    CliRun text =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--trust-policy", "tp.json",
            "--trust-store", "store", "oci:/tmp/l:v1");
    CliRun json =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "--output", "json", "verify",
            "--trust-policy", "tp.json", "--trust-store", "store", "oci:/tmp/l:v1");

    assertEquals(0, text.exitCode(), text.toString());
    assertEquals("SKIPPED: trust policy release skips verification", text.out().strip());
    assertTrue(text.err().startsWith("custody: warning: SKIPPED: no signature was verified"), text.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode doc = Json.read(Bytes.utf8(json.out()), "verify output");
    assertEquals("SKIPPED", doc.get("outcome").asText());
    assertTrue(doc.get("passed").asBoolean(), json.toString());
  }

  @Test
  void verify_certificateRootsAndIdentity_passedAsOneCertificateSigner() throws Exception {
    Path crt = dir.resolve("t.crt");
    CliRun generated =
        CliRun.of("generate-key-pair", "--format", "pkcs8", "--type", "ecdsa-p256", "--certificate", "t.example",
            "--output-key-prefix", dir.resolve("t").toString());
    assertEquals(0, generated.exitCode(), generated.toString());
    RecordingProvider provider =
        new RecordingProvider(image -> report(image, SignatureOutcome.NO_SIGNATURES, "none", List.of(), List.of()));

    CliRun run =
        CliRun.with(provider::custody, CliRun.terminal(Map.of(), ""), "verify", "--ca-roots", crt.toString(),
            "--certificate-identity", "CN=*,OU=*,O=Custody", "oci:/tmp/l:v1");

    assertEquals(1, run.exitCode(), run.toString());
    VerifyOptions options = provider.verified.get(0);
    assertEquals(1, options.signers().size());
    dev.custody.policy.TrustedSigner signer = options.signers().get(0);
    assertEquals(Optional.of("CN=*,OU=*,O=Custody"), signer.subjectPattern());
    assertEquals(1, signer.certificateRoots().size());
    assertEquals(Optional.empty(), options.trustPolicy());
  }

  @Test
  void verify_badFormatOrMaxSignatures_exit2() {
    CliRun format = CliRun.of("verify", "--key", pub, "--format", "pgp", "oci:/tmp/l:v1");
    CliRun max = CliRun.of("verify", "--key", pub, "--max-signatures", "0", "oci:/tmp/l:v1");

    assertEquals(2, format.exitCode(), format.toString());
    assertTrue(format.err().contains("expected cosign, notation or any, got 'pgp'"), format.toString());
    assertEquals(2, max.exitCode(), max.toString());
    assertTrue(max.err().contains("--max-signatures: expected at least 1, got 0"), max.toString());
  }
}
