package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.CUSTODY;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.fresh;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.internal.crypto.KeyPairFiles;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.Skopeo;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * cosign-format signatures cross-checked with an independent implementation: containers/image in a
 * sigstore-capable skopeo (Debian 12's own has sigstore disabled). Custody's legacy signatures
 * satisfy a {@code sigstoreSigned} policy on our key and fail it on another key; skopeo's
 * signatures, made with a key Custody wrote, verify in Custody; a key skopeo generated signs in
 * Custody.
 */
class SkopeoSigstoreInteropTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  private static final String PASSWORD = "custody-interop";
  private static Skopeo skopeo;

  @TempDir Path tmp;

  @BeforeAll
  static void findSkopeo() {
    skopeo = Skopeo.sigstoreCapable();
  }

  /** registries.d: read and write sigstore attachments on the fixture registry. */
  private Path registriesD() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("registries.d"));
    Files.writeString(
        dir.resolve("custody-fixture.yaml"),
        "docker:\n  " + REGISTRY.hostPort() + ":\n    use-sigstore-attachments: true\n");
    return dir;
  }

  /**
   * A policy that accepts images from the fixture only with a sigstore signature by {@code pub}.
   */
  private Path policyRequiring(Path pub) throws Exception {
    Path policy = tmp.resolve("policy-" + pub.getFileName() + ".json");
    Files.writeString(
        policy,
        "{\"default\":[{\"type\":\"reject\"}],\"transports\":{"
            + "\"docker\":{\""
            + REGISTRY.hostPort()
            + "\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\""
            + pub
            + "\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]},"
            + "\"oci\":{\"\":[{\"type\":\"insecureAcceptAnything\"}]}}}");
    return policy;
  }

  private Path writePublicKey(SigningKey key, String name) throws Exception {
    Path pub = tmp.resolve(name + ".pub");
    Files.writeString(pub, key.publicKey().pem());
    return pub;
  }

  private Skopeo.Result pullWithPolicy(ImageReference image, Path pub) throws Exception {
    return skopeo
        .withPolicy(policyRequiring(pub))
        .withRegistriesD(registriesD())
        .tryCopy(
            List.of("--remove-signatures"),
            "docker://" + image,
            "oci:" + tmp.resolve("pulled-" + pub.getFileName()) + ":v1");
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "ED25519", "RSA"})
  void custodyLegacySignature_acceptedBySkopeoPolicyOnOurKey_rejectedOnAnother(KeyType type)
      throws Exception {
    ImageReference image =
        RegistryImages.push(
            CUSTODY, REGISTRY, "skopeo-verifies-" + type, TestImages.image("interop-" + type));
    SigningKey ours = fresh(type);
    CUSTODY.sign(image, ours.signer(), SignOptions.defaults());

    Skopeo.Result accepted = pullWithPolicy(image, writePublicKey(ours, "ours"));
    Skopeo.Result rejected = pullWithPolicy(image, writePublicKey(fresh(type), "theirs"));

    assertEquals(0, accepted.exitCode(), accepted.stderr());
    assertNotEquals(0, rejected.exitCode(), "skopeo must refuse a signature by another key");
    assertTrue(
        rejected
            .stderr()
            .contains("Source image rejected: cryptographic signature verification failed"),
        rejected.stderr());
  }

  @Test
  void unsignedImage_rejectedBySkopeoPolicy() throws Exception {
    ImageReference image =
        RegistryImages.push(
            CUSTODY, REGISTRY, "skopeo-unsigned", TestImages.image("interop-unsigned"));

    Skopeo.Result rejected = pullWithPolicy(image, writePublicKey(fresh(KeyType.EC_P256), "k"));

    assertNotEquals(0, rejected.exitCode());
    assertTrue(
        rejected
            .stderr()
            .contains("Source image rejected: A signature was required, but no signature exists"),
        rejected.stderr());
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "ED25519", "RSA"})
  void skopeoSignatureWithKeyCustodyWrote_verifiedByCustody(KeyType type) throws Exception {
    SigningKey key = fresh(type);
    Path prefix = tmp.resolve("custody");
    KeyPairFiles.write(
        key,
        prefix,
        KeyPairFiles.Format.COSIGN,
        PasswordSource.fixed(PASSWORD.toCharArray()),
        false,
        new SecureRandom());
    Path passphrase = tmp.resolve("passphrase");
    Files.writeString(passphrase, PASSWORD);
    TestImages.Image testImage = TestImages.image("skopeo-signs-" + type);
    Path layout = TestImages.writeLayout(tmp.resolve("layout"), "v1", testImage);
    ImageReference image =
        ImageReference.parse(
            REGISTRY.reference(REGISTRY.uniqueRepository("skopeo-signs-" + type), "v1"));

    Skopeo.Result signed =
        skopeo
            .withRegistriesD(registriesD())
            .tryCopy(
                List.of(
                    "--preserve-digests",
                    "--sign-by-sigstore-private-key",
                    prefix + ".key",
                    "--sign-passphrase-file",
                    passphrase.toString()),
                "oci:" + layout + ":v1",
                "docker://" + image);
    assertEquals(0, signed.exitCode(), signed.stderr());

    SignatureReport report =
        CUSTODY.verify(
            image, trusting(CUSTODY.trustedKey("custody-key", KeyRef.parse(prefix + ".pub"))));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    Evidence evidence = report.examined().get(0);
    assertEquals(EvidenceStorage.COSIGN_SIG, evidence.storage());
    assertEquals(testImage.digest(), evidence.subject());
    assertTrue(evidence.signedTime().isPresent(), "skopeo signs optional.timestamp");
    assertEquals(
        image.toString(), SimpleSigningPayload.parse(evidence.content()).dockerReference());
  }

  @Test
  void keySkopeoGenerated_signsInCustody_verifiedBySkopeo() throws Exception {
    Path passphrase = tmp.resolve("passphrase");
    Files.writeString(passphrase, PASSWORD);
    Path prefix = tmp.resolve("skopeo-made");
    Skopeo.Result generated =
        skopeo.run(
            List.of(
                "generate-sigstore-key",
                "--output-prefix",
                prefix.toString(),
                "--passphrase-file",
                passphrase.toString()));
    assertEquals(0, generated.exitCode(), generated.stderr());
    assertTrue(Files.readString(Path.of(prefix + ".private")).startsWith("-----BEGIN ENCRYPTED"));
    Signer signer =
        CUSTODY.signer(
            KeyRef.parse(prefix + ".private"), PasswordSource.fixed(PASSWORD.toCharArray()));
    ImageReference image =
        RegistryImages.push(
            CUSTODY, REGISTRY, "skopeo-key", TestImages.image("interop-skopeo-key"));

    CUSTODY.sign(image, signer, SignOptions.defaults());
    Skopeo.Result accepted = pullWithPolicy(image, Path.of(prefix + ".pub"));

    assertEquals(0, accepted.exitCode(), accepted.stderr());
  }
}
