package dev.custody.core.internal.attach.notation;

import static dev.custody.core.internal.attach.notation.NotationTestSupport.certificate;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.describe;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.notary;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.only;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.trustPolicy;
import static dev.custody.core.internal.attach.notation.NotationTestSupport.trustStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import dev.custody.core.internal.crypto.TestCertificates.TestCertificate;
import dev.custody.core.internal.formats.notary.NotarySignatureManifest;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.ReasonCode;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Notary signatures in a real registry (Debian's docker-registry), through {@link Custody}. */
class NotationSchemeRegistryTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path temp;

  private final Custody custody =
      Custody.builder().storeOptions(StoreOptions.defaults().withCreateLayouts()).build();

  /** Pushes a fresh test image to a unique repository and returns its tagged reference. */
  private ImageReference pushImage(String name) throws Exception {
    Path layout = TestImages.writeLayout(temp.resolve("src-" + name), "v1", TestImages.image(name));
    ImageReference remote =
        ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository(name), "v1"));
    custody.copy(ImageReference.parse(TestImages.layoutReference(layout, "v1")), remote);
    return remote;
  }

  /**
   * A policy whose statement for exactly {@code scope} trusts store {@code ca:good}, and whose
   * global statement trusts {@code ca:other}: only the scoped statement can accept the signature.
   */
  private Path scopedPolicy(String scope) throws Exception {
    Path file = temp.resolve("scoped-trustpolicy.json");
    Files.writeString(
        file,
        "{\"version\":\"1.0\",\"trustPolicies\":["
            + "{\"name\":\"app\",\"registryScopes\":[\""
            + scope
            + "\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:good\"],"
            + "\"trustedIdentities\":[\"*\"]},"
            + "{\"name\":\"rest\",\"registryScopes\":[\"*\"],"
            + "\"signatureVerification\":{\"level\":\"strict\"},\"trustStores\":[\"ca:other\"],"
            + "\"trustedIdentities\":[\"*\"]}]}");
    return file;
  }

  @Test
  void signedInRegistry_scopedTrustPolicy_verified() throws Exception {
    ImageReference image = pushImage("notation-signed");
    TestCertificate signer = certificate("Registry Signer");
    TestCertificate stranger = certificate("Stranger");
    Path store = trustStore(temp.resolve("ts"), "good", signer.certificate());
    trustStore(store, "other", stranger.certificate());

    StoredSignature stored =
        custody.sign(image, signer.signer(), notary(signer)).signatures().get(0);
    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .notaryTrust(scopedPolicy(image.registry() + "/" + image.repository()), store)
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
    assertEquals(stored.manifest(), only(report).ref());
    assertTrue(
        only(report)
            .verifiedBy()
            .orElseThrow()
            .subject()
            .orElseThrow()
            .contains("CN=Registry Signer"));
    try (ArtifactStore s = custody.open(image)) {
      Descriptor v1 = s.resolve("v1");
      List<Descriptor> referrers = s.referrers(v1.digest(), NotarySignatureManifest.ARTIFACT_TYPE);
      assertEquals(List.of(stored.manifest()), referrers.stream().map(Descriptor::digest).toList());
    }
  }

  @Test
  void signedInRegistry_otherRepositoryScope_globalStatementRejects() throws Exception {
    ImageReference image = pushImage("notation-scope");
    TestCertificate signer = certificate("Registry Signer");
    TestCertificate stranger = certificate("Stranger");
    Path store = trustStore(temp.resolve("ts"), "good", signer.certificate());
    trustStore(store, "other", stranger.certificate());
    custody.sign(image, signer.signer(), notary(signer));

    SignatureReport report =
        custody.verify(
            image,
            VerifyOptions.builder()
                .notaryTrust(scopedPolicy(image.registry() + "/someone/else"), store)
                .build());

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome(), () -> describe(report));
    assertEquals(Optional.of(ReasonCode.UNTRUSTED_SIGNER), only(report).failure());
    assertTrue(
        only(report).failureDetail().contains("statement \"rest\""), only(report).failureDetail());
  }

  @Test
  void signedInRegistry_copiedToLayout_verifiesOffline() throws Exception {
    ImageReference image = pushImage("notation-offline");
    TestCertificate signer = certificate("Registry Signer");
    custody.sign(image, signer.signer(), notary(signer));
    ImageReference layout = ImageReference.parse("oci:" + temp.resolve("exported") + ":v1");
    custody.copy(image, layout);

    SignatureReport report =
        custody.verify(
            layout,
            VerifyOptions.builder()
                .notaryTrust(
                    trustPolicy(temp.resolve("p.json"), "good", "strict"),
                    trustStore(temp.resolve("ts"), "good", signer.certificate()))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), () -> describe(report));
  }
}
