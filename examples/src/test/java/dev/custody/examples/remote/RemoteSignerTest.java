package dev.custody.examples.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestationReport;
import dev.custody.examples.ExampleFixtures;
import dev.custody.examples.Signing;
import dev.custody.oci.ImageReference;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.Verifier;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key that lives in a signing service reached over HTTP, plugged in through the KeyProvider SPI
 * (found by ServiceLoader from META-INF/services), used by {@code Custody.sign} and {@code attest}.
 */
class RemoteSignerTest {
  @TempDir Path dir;
  SigningService service;
  KeyRef release;
  final Custody custody = Custody.builder().build();

  @BeforeEach
  void setUp() throws Exception {
    service = SigningService.start();
    release = KeyRef.parse(service.createKey("release"));
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void serviceLoader_remoteScheme_opensARemoteSigner() throws Exception {
    Signer signer = custody.signer(release, PasswordSource.none());

    assertTrue(signer instanceof RemoteSigner, signer.toString());
    assertEquals("remote:" + service.uri("release"), release.toString());
    assertTrue(signer.toString().startsWith("RemoteSigner[" + service.uri("release") + ", sha256:"), signer.toString());
  }

  @Test
  void sign_withRemoteKey_verifiesWithItsPublicKey() throws Exception {
    ImageReference image = new ExampleFixtures(dir).image("remote");
    Signer signer = custody.signer(release, PasswordSource.none());

    SignResult signed =
        Signing.assumeSupported(() -> custody.sign(image, signer, SignOptions.defaults()));

    TrustedSigner trusted = custody.trustedKey("release", release);
    SignatureReport report =
        custody.verify(image, VerifyOptions.builder().signers(List.of(trusted)).build());
    assertEquals(1, signed.signatures().size());
    assertTrue(report.passed(), report.toString());
  }

  @Test
  void attest_withRemoteKey_verifies() throws Exception {
    ImageReference image = new ExampleFixtures(dir).image("remote-attest");
    Signer signer = custody.signer(release, PasswordSource.none());

    custody.attest(
        image,
        signer,
        "approval",
        Bytes.utf8("{\"approver\":\"release-bot\",\"approvedAt\":\"2026-01-01T00:00:00Z\"}"),
        AttestOptions.defaults());

    AttestationReport report =
        custody.verifyAttestations(
            image,
            VerifyOptions.builder().signers(List.of(custody.trustedKey("release", release))).build(),
            "approval");
    assertTrue(report.passed(), report.toString());
  }

  @Test
  void verifier_signatureOfOtherMessage_refused() throws Exception {
    Signer signer = custody.signer(release, PasswordSource.none());
    Verifier verifier = custody.verifier(release);
    Bytes signature = signer.sign(Bytes.utf8("payload"));

    verifier.verify(Bytes.utf8("payload"), signature);
    VerificationException e =
        assertThrows(VerificationException.class, () -> verifier.verify(Bytes.utf8("payloaD"), signature));
    assertTrue(e.getMessage().endsWith("(ECDSA_P256_SHA256): signature invalid"), e.getMessage());
  }

  @Test
  void unknownKey_keyExceptionNamingIt() {
    KeyRef missing = KeyRef.parse("remote:" + service.uri("nope"));

    KeyException e =
        assertThrows(KeyException.class, () -> custody.signer(missing, PasswordSource.none()));

    assertEquals("open remote key " + service.uri("nope") + ": HTTP 404", e.getMessage());
  }

  @Test
  void plainHttpToAnotherHost_refused() {
    KeyRef elsewhere = KeyRef.parse("remote:http://signer.example.com/keys/release");

    KeyException e =
        assertThrows(KeyException.class, () -> custody.signer(elsewhere, PasswordSource.none()));

    assertEquals(
        "open remote key http://signer.example.com/keys/release: expected https (or http to a"
            + " loopback address), got http",
        e.getMessage());
  }
}
