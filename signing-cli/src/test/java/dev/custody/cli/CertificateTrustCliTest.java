package dev.custody.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.attach.TagImageAppender;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate trust on the command line: {@code sign --certificate} stores the certificate in the
 * cosign {@code .sig} layer (FORMATS.md §3.2), and {@code verify}/{@code verify-attestation}
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

  @Test
  void verifyAttestation_certificateOnTheAttLayer_rootsAndIdentityDecide() throws Exception {
    Path predicate = dir.resolve("note.json");
    Files.writeString(predicate, "{\"note\":\"built\"}");
    CliRun attested =
        CliRun.withEnv(ENV, "attest", "--key", key, "--type", "custom", "--predicate", predicate.toString(), image);
    assertEquals(0, attested.exitCode(), attested.toString());
    // custody attest has no --certificate (AttestOptions has no certificate channel): the same
    // envelope goes into a second layout's .att tag with the certificate annotations (§3.2)
    String certified = copyAttestationWithCertificate();

    CliRun good =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", IDENTITY,
            "--type", "custom", certified);
    CliRun wrongIdentity =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", "CN=x,O=Elsewhere",
            "--type", "custom", certified);
    CliRun wrongRoots =
        CliRun.of("verify-attestation", "--ca-roots", otherCrt, "--certificate-identity", IDENTITY,
            "--type", "custom", certified);
    CliRun keyOnly =
        CliRun.of("verify-attestation", "--certificate-roots", crt, "--certificate-identity", IDENTITY,
            "--type", "custom", image);

    assertEquals(0, good.exitCode(), good.toString());
    assertTrue(good.out().contains("cosign-att  certificate \"" + IDENTITY + "\""), good.toString());
    assertEquals(1, wrongIdentity.exitCode(), wrongIdentity.toString());
    assertTrue(wrongIdentity.out().contains("UNTRUSTED_SIGNER  chains to signer certificate, but the subject does not match"), wrongIdentity.toString());
    assertEquals(1, wrongRoots.exitCode(), wrongRoots.toString());
    assertTrue(wrongRoots.out().contains("UNTRUSTED_SIGNER"), wrongRoots.toString());
    assertEquals(1, keyOnly.exitCode(), keyOnly.toString());
    assertTrue(keyOnly.out().contains("UNTRUSTED_SIGNER"), keyOnly.toString());
  }

  private String copyAttestationWithCertificate() throws Exception {
    Path other = dir.resolve("certified");
    TestImages.writeLayout(other, "v1", built);
    String tag = CosignTags.attestationTag(built.digest());
    Bytes envelope;
    String predicateType;
    try (LayoutStore store = LayoutStore.open(dir.resolve("layout"), false)) {
      ImageManifest manifest = (ImageManifest) store.manifest(store.resolve(tag).digest());
      Descriptor layer = manifest.layers().get(0);
      envelope = store.readBlob(layer, 1 << 20);
      predicateType = layer.annotations().get(SignatureLayer.PREDICATE_TYPE);
    }
    try (LayoutStore store = LayoutStore.open(other, false)) {
      store.putBlob(SignatureLayer.DSSE_MEDIA_TYPE, envelope);
      TagImageAppender.append(
          store,
          tag,
          SignatureLayer.attestation(envelope, predicateType)
              .certificate(Certificates.pem(certificate(crt)), "")
              .build()
              .descriptor());
    }
    return TestImages.layoutReference(other, "v1");
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
