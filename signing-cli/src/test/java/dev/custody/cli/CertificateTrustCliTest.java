package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.store.StoreException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate trust on the command line: {@code sign --certificate} and {@code attest
 * --certificate} store the certificate in the cosign {@code .sig} or {@code .att} layer (FORMATS.md
 * §3.2, §3.7), and {@code verify}/{@code verify-attestation}
 * {@code --certificate-roots} with {@code --certificate-identity} accept it only for the right
 * root and subject. Keys and self-signed test certificates come from {@code generate-key-pair
 * --certificate}; the self-signed leaf is its own root.
 */
class CertificateTrustCliTest {
  private static final Map<String, String> ENV = Map.of("CUSTODY_PASSWORD", "cert-Passphrase-9");
  /** The whole subject of generate-key-pair's test certificate: a pattern names every attribute. */
  private static final String IDENTITY =
      "O=Custody,OU=Custody test certificate - NOT FOR PRODUCTION,CN=release.example.com";

  @TempDir Path dir;
  private final TestImages.Image built = TestImages.image("certificates");
  private String image;
  private String key;
  private String crt;
  private String otherCrt;

  @BeforeEach
  void keysAndImage() {
    TestImages.writeLayout(dir.resolve("layout"), "v1", built);
    image = TestImages.layoutReference(dir.resolve("layout"), "v1");
    generate("release", "release.example.com");
    generate("other", "release.example.com");
    key = dir.resolve("release.key").toString();
    crt = dir.resolve("release.crt").toString();
    otherCrt = dir.resolve("other.crt").toString();
  }

  private void generate(String prefix, String cn) {
    CliRun run =
        CliRun.withEnv(ENV, "generate-key-pair", "--type", "ecdsa-p256", "--certificate", cn,
            "--output-key-prefix", dir.resolve(prefix).toString());
    assertEquals(0, run.exitCode(), run.toString());
  }

  private void signWithCertificate() throws Exception {
    CliRun run = CliRun.withEnv(ENV, "sign", "--key", key, "--certificate", crt, image);
    SchemeAvailability.assumeSigned(run);
    assertEquals(0, run.exitCode(), run.toString());
  }

  @Test
  void verify_rootsAndMatchingIdentity_exit0NamingTheCertificate() throws Exception {
    signWithCertificate();

    CliRun text = CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", IDENTITY, image);
    CliRun json =
        CliRun.of("--output", "json", "verify", "--ca-roots", crt, "--certificate-identity", "O=Custody,OU=*,CN=*", image);

    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("cosign  cosign-sig  certificate \"" + IDENTITY + "\""), text.toString());
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode signature = Json.read(Bytes.utf8(json.out()), "verify output").get("signatures").get(0);
    assertTrue(signature.get("verified").asBoolean(), json.toString());
    assertTrue(signature.get("signer").asText().startsWith("certificate \"" + IDENTITY + "\" root sha256:"), json.toString());
  }

  @Test
  void sign_certificate_storedInTheSigLayerAnnotations() throws Exception {
    signWithCertificate();

    try (LayoutStore store = LayoutStore.open(dir.resolve("layout"), false)) {
      Descriptor sig = store.resolve(CosignTags.signatureTag(built.digest()));
      ImageManifest manifest = (ImageManifest) store.manifest(sig.digest());
      SignatureLayer layer = SignatureLayer.read(manifest.layers().get(0));
      assertEquals(Certificates.pem(certificate(crt)), layer.certificatePem().orElseThrow());
    }
  }

  @Test
  void verify_onlyTheCommonName_exit1SinceEveryAttributeIsCompared() throws Exception {
    signWithCertificate();

    CliRun run =
        CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", "CN=release.example.com", image);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("but the subject does not match \"CN=release.example.com\""), run.toString());
  }

  @Test
  void verify_wrongIdentity_exit1UntrustedSigner() throws Exception {
    signWithCertificate();

    CliRun run =
        CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", "CN=someone.else.example", image);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("UNTRUSTED_SIGNER  chains to signer certificate, but the subject does not match"), run.toString());
    assertTrue(run.err().contains("custody: NONE_TRUSTED: "), run.toString());
  }

  @Test
  void verify_wrongRoots_exit1UntrustedSigner() throws Exception {
    signWithCertificate();

    CliRun run = CliRun.of("verify", "--certificate-roots", otherCrt, "--certificate-identity", IDENTITY, image);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("UNTRUSTED_SIGNER  none of the 1 certificate signer(s) accepts"), run.toString());
  }

  @Test
  void verify_signedWithoutCertificate_exit1UntrustedSigner() throws Exception {
    CliRun signed = CliRun.withEnv(ENV, "sign", "--key", key, image);
    SchemeAvailability.assumeSigned(signed);

    CliRun run = CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", IDENTITY, image);

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("UNTRUSTED_SIGNER"), run.toString());
  }

  private String attest(String target, String... certificateOptions) throws Exception {
    Path predicate = dir.resolve("note.json");
    Files.writeString(predicate, "{\"note\":\"built\"}");
    List<String> args = new ArrayList<>(List.of("attest", "--key", key));
    args.addAll(List.of(certificateOptions));
    args.addAll(List.of("--type", "custom", "--predicate", predicate.toString(), target));
    CliRun attested = CliRun.withEnv(ENV, args.toArray(String[]::new));
    assertEquals(0, attested.exitCode(), attested.toString());
    return target;
  }

  @Test
  void verifyAttestation_attestedWithCertificate_rootsAndIdentityDecide() throws Exception {
    attest(image, "--certificate", crt);
    Path plainLayout = dir.resolve("plain");
    TestImages.writeLayout(plainLayout, "v1", built);
    String keyOnlyImage = attest(TestImages.layoutReference(plainLayout, "v1"));

    CliRun good =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", IDENTITY,
            "--type", "custom", image);
    CliRun wrongIdentity =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", "CN=x,O=Elsewhere",
            "--type", "custom", image);
    CliRun wrongRoots =
        CliRun.of("verify-attestation", "--ca-roots", otherCrt, "--certificate-identity", IDENTITY,
            "--type", "custom", image);
    CliRun keyOnly =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", IDENTITY,
            "--type", "custom", keyOnlyImage);

    assertEquals(0, good.exitCode(), good.toString());
    assertTrue(good.out().contains("cosign-att  certificate \"" + IDENTITY + "\""), good.toString());
    assertEquals(1, wrongIdentity.exitCode(), wrongIdentity.toString());
    assertTrue(wrongIdentity.out().contains("UNTRUSTED_SIGNER  chains to signer certificate, but the subject does not match"), wrongIdentity.toString());
    assertEquals(1, wrongRoots.exitCode(), wrongRoots.toString());
    assertTrue(wrongRoots.out().contains("UNTRUSTED_SIGNER  none of the 1 certificate signer(s) accepts"), wrongRoots.toString());
    assertEquals(1, keyOnly.exitCode(), keyOnly.toString());
    assertTrue(keyOnly.out().contains("UNTRUSTED_SIGNER"), keyOnly.toString());
  }

  /** The README's attest bullet names both commands in backquotes; they run as written. */
  @Test
  void readmeAttestCertificateLine_runsAsWrittenAndVerifies() throws Exception {
    String line =
        Files.readString(Path.of("..", "README.md")).lines()
            .filter(l -> l.contains("`./custody attest --key signer.key --certificate"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README has no attest --certificate line"));
    Matcher commands = Pattern.compile("`\\./custody ([^`]+)`").matcher(line);
    Files.writeString(dir.resolve("note.json"), "{\"note\":\"built\"}");
    int ran = 0;
    while (commands.find()) {
      String[] args =
          Arrays.stream(commands.group(1).split("\\s+"))
              .map(a -> a.length() > 1 && a.startsWith("'") && a.endsWith("'") ? a.substring(1, a.length() - 1) : a)
              .map(a -> a.equals("oci:build/app:v1") ? image : a)
              .map(a -> a.equals("signer.key") ? key : a.equals("signer.crt") ? crt : a)
              .map(a -> a.equals("note.json") ? dir.resolve(a).toString() : a)
              .toArray(String[]::new);
      CliRun run = CliRun.withEnv(ENV, args);
      assertEquals(0, run.exitCode(), commands.group(1) + "\n" + run);
      ran++;
    }
    assertEquals(2, ran, line);
  }

  @Test
  void attest_certificateAndChain_storedInTheAttLayerAnnotations() throws Exception {
    attest(image, "--certificate", crt, "--certificate-chain", otherCrt);

    try (LayoutStore store = LayoutStore.open(dir.resolve("layout"), false)) {
      Descriptor att = store.resolve(CosignTags.attestationTag(built.digest()));
      ImageManifest manifest = (ImageManifest) store.manifest(att.digest());
      SignatureLayer layer = SignatureLayer.read(manifest.layers().get(0));
      assertEquals(Certificates.pem(certificate(crt)), layer.certificatePem().orElseThrow());
      assertEquals(Certificates.pem(certificate(otherCrt)), layer.chainPem().orElseThrow());
      assertEquals("", manifest.layers().get(0).annotations().get(SignatureLayer.SIGNATURE));
    }
  }

  @Test
  void attest_certificateForAnotherKey_exit2NothingStored() throws Exception {
    Path predicate = Files.writeString(dir.resolve("note.json"), "{\"note\":\"built\"}");

    CliRun run =
        CliRun.withEnv(ENV, "attest", "--key", key, "--certificate", otherCrt, "--type", "custom",
            "--predicate", predicate.toString(), image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("attest with certificate: the leaf certificate is not for the signing key"), run.toString());
    try (LayoutStore store = LayoutStore.open(dir.resolve("layout"), false)) {
      StoreException missing =
          assertThrows(StoreException.class, () -> store.resolve(CosignTags.attestationTag(built.digest())));
      assertEquals(CustodyException.Reason.NOT_FOUND, missing.reason(), missing.getMessage());
    }
  }

  @Test
  void attest_certificateWithBundleReferrer_exit2InsteadOfDroppingIt() {
    CliRun run =
        CliRun.withEnv(ENV, "attest", "--key", key, "--certificate", crt, "--registry-referrers-mode", "oci-1-1",
            "--type", "custom", "--predicate", "note.json", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate is stored only in legacy .att attestations"), run.toString());
  }

  @Test
  void attest_chainWithoutCertificate_exit2() {
    CliRun run =
        CliRun.withEnv(ENV, "attest", "--key", key, "--certificate-chain", crt, "--type", "custom",
            "--predicate", "note.json", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate-chain needs --certificate (the leaf comes first)"), run.toString());
  }

  private static X509Certificate certificate(String file) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  // --- usage errors ----------------------------------------------------------------------------

  @Test
  void verify_rootsWithoutIdentity_exit2() {
    CliRun run = CliRun.of("verify", "--certificate-roots", crt, image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate-roots needs --certificate-identity DN"), run.toString());
  }

  @Test
  void verifyAttestation_identityWithoutRoots_exit2() {
    CliRun run = CliRun.of("verify-attestation", "--certificate-identity", IDENTITY, "--type", "custom", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate-identity needs --certificate-roots FILE"), run.toString());
  }

  @Test
  void verify_wildcardInsideAValue_exit2() {
    CliRun run = CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", "CN=release*", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate-identity: signer certificate: subject \"CN=release*\" uses * inside a value"), run.toString());
  }

  @Test
  void verify_identityNotADn_exit2() {
    CliRun run = CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", "release.example.com", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("is not an RFC 4514 DN"), run.toString());
  }

  @Test
  void verify_keyAndCertificateRoots_exit2() {
    CliRun run =
        CliRun.of("verify", "--key", dir.resolve("release.pub").toString(), "--certificate-roots", crt,
            "--certificate-identity", IDENTITY, image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--key and --certificate-roots/--certificate-identity exclude each other"), run.toString());
  }

  @Test
  void verify_certificateRootsAndTrustPolicy_exit2() {
    CliRun run =
        CliRun.of("verify", "--certificate-roots", crt, "--certificate-identity", IDENTITY,
            "--trust-policy", "p.json", "--trust-store", "s", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate-roots/--certificate-identity and --trust-policy/--trust-store exclude each other"), run.toString());
  }

  @Test
  void verifyAttestation_noTrust_exit2SayingWhatToPass() {
    CliRun run = CliRun.of("verify-attestation", "--type", "custom", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("say what to trust: --key PUB, or --certificate-roots FILE with --certificate-identity DN"), run.toString());
  }

  @Test
  void verify_rootsFileNotACertificate_exit2() throws Exception {
    Path bogus = Files.writeString(dir.resolve("roots.pem"), "not a certificate");

    CliRun run = CliRun.of("verify", "--certificate-roots", bogus.toString(), "--certificate-identity", IDENTITY, image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("read --certificate-roots " + bogus), run.toString());
  }

  @Test
  void sign_certificateWithBundleReferrer_exit2InsteadOfDroppingIt() {
    CliRun run =
        CliRun.withEnv(ENV, "sign", "--key", key, "--certificate", crt, "--registry-referrers-mode", "oci-1-1", image);

    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--certificate is stored only in legacy .sig signatures"), run.toString());
  }
}
