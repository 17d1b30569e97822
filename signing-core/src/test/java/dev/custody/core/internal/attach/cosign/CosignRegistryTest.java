package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.CUSTODY;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.key;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.reasons;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.signatureImage;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusted;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.verify.PlatformSignatures;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign and verify cosign-format signatures against a real registry (CNCF distribution). */
class CosignRegistryTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  private static final SignOptions OCI_1_1 =
      SignOptions.builder().referrersMode(ReferrersMode.OCI_1_1).build();

  private static ImageReference push(String hint, TestImages.Artifact artifact) throws Exception {
    return RegistryImages.push(CUSTODY, REGISTRY, hint, artifact);
  }

  @Test
  void legacySign_thenVerify_tagInTheRepository() throws Exception {
    TestImages.Image testImage = TestImages.image("registry-legacy");
    ImageReference image = push("legacy", testImage);
    SigningKey key = key(KeyType.EC_P256);

    SignResult result = CUSTODY.sign(image, key.signer(), SignOptions.defaults());
    SignatureReport report = CUSTODY.verify(image, trusting(trusted("k", key)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(EvidenceStorage.COSIGN_SIG, report.examined().get(0).storage());
    try (ArtifactStore store = CUSTODY.open(image)) {
      assertTrue(
          store.tags().contains(CosignTags.signatureTag(testImage.digest())),
          store.tags().toString());
      assertEquals(
          result.signatures().get(0).manifest(),
          store.resolve(CosignTags.signatureTag(testImage.digest())).digest());
    }
  }

  @Test
  void bundleSign_thenVerify_listedAsReferrer() throws Exception {
    TestImages.Image testImage = TestImages.image("registry-bundle");
    ImageReference image = push("bundle", testImage);
    SigningKey key = key(KeyType.EC_P256);

    SignResult result = CUSTODY.sign(image, key.signer(), OCI_1_1);
    SignatureReport report = CUSTODY.verify(image, trusting(trusted("k", key)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    Evidence evidence = report.examined().get(0);
    assertEquals(EvidenceStorage.REFERRER_BUNDLE, evidence.storage());
    try (ArtifactStore store = CUSTODY.open(image)) {
      List<Descriptor> referrers =
          store.referrers(testImage.digest(), BundleReferrer.BUNDLE_MEDIA_TYPE);
      assertEquals(
          List.of(result.signatures().get(0).manifest()),
          referrers.stream().map(Descriptor::digest).collect(Collectors.toList()));
    }
  }

  @Test
  void verify_signedInBothModes_readsBoth() throws Exception {
    ImageReference image = push("both", TestImages.image("registry-both"));
    SigningKey a = key(KeyType.EC_P256);
    SigningKey b = key(KeyType.RSA);
    CUSTODY.sign(image, a.signer(), SignOptions.defaults());
    CUSTODY.sign(image, b.signer(), OCI_1_1);

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("a", a), trusted("b", b)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(
        List.of(EvidenceStorage.COSIGN_SIG, EvidenceStorage.REFERRER_BUNDLE),
        report.examined().stream().map(Evidence::storage).collect(Collectors.toList()));
    assertTrue(report.examined().stream().allMatch(Evidence::isVerified));
  }

  @Test
  void eightConcurrentSigners_registryTag_everyLayerSurvives() throws Exception {
    TestImages.Image testImage = TestImages.image("registry-concurrent");
    ImageReference image = push("concurrent", testImage);

    ConcurrentSigners.signConcurrently(CUSTODY, image, 8);

    try (ArtifactStore store = CUSTODY.open(image)) {
      assertEquals(8, signatureImage(store, testImage.digest()).layers().size());
    }
  }

  @Test
  void verify_unsignedVersusUntrusted_differentOutcomes() throws Exception {
    ImageReference unsigned = push("unsigned", TestImages.image("registry-unsigned"));
    ImageReference untrusted = push("untrusted", TestImages.image("registry-untrusted"));
    CUSTODY.sign(untrusted, key(KeyType.EC_P384).signer(), SignOptions.defaults());
    VerifyOptions options = trusting(trusted("k", key(KeyType.EC_P256)));

    SignatureReport none = CUSTODY.verify(unsigned, options);
    SignatureReport other = CUSTODY.verify(untrusted, options);

    assertEquals(SignatureOutcome.NO_SIGNATURES, none.outcome());
    assertEquals(SignatureOutcome.NONE_TRUSTED, other.outcome());
    assertEquals(List.of(Optional.of(ReasonCode.SIGNATURE_INVALID)), reasons(other));
  }

  @Test
  void index_unsignedChildren_thenRecursive() throws Exception {
    TestImages.Index index = TestImages.index("registry-index");
    ImageReference image = push("index", index);
    SigningKey key = key(KeyType.EC_P256);
    VerifyOptions allPlatforms =
        VerifyOptions.builder()
            .signers(List.of(trusted("k", key)))
            .requireAllPlatforms(true)
            .build();

    CUSTODY.sign(image, key.signer(), SignOptions.defaults());
    SignatureReport partly = CUSTODY.verify(image, allPlatforms);
    CUSTODY.sign(image, key.signer(), SignOptions.builder().recursive(true).build());
    SignatureReport fully = CUSTODY.verify(image, allPlatforms);

    assertEquals(SignatureOutcome.PLATFORMS_UNSIGNED, partly.outcome());
    for (TestImages.Image child : index.images()) {
      assertTrue(partly.message().contains(child.digest().toString()), partly.message());
    }
    assertEquals(SignatureOutcome.VERIFIED, fully.outcome(), fully.message());
    assertTrue(fully.platforms().stream().allMatch(PlatformSignatures::verified));
    // Signing the index again records a new signing time, so it may add a second layer (the same
    // second gives an identical payload, which is not added twice); every layer verifies.
    assertTrue(fully.examined().stream().allMatch(dev.custody.policy.Evidence::isVerified));
  }

  @Test
  void verify_moreCandidatesThanMaxSignatures_limitExceeded() throws Exception {
    ImageReference image = push("crowded", TestImages.image("registry-crowded"));
    CUSTODY.sign(image, key(KeyType.EC_P256).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.EC_P384).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.ED25519).signer(), SignOptions.defaults());

    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                CUSTODY.verify(
                    image,
                    VerifyOptions.builder()
                        .signers(List.of(trusted("k", key(KeyType.EC_P256))))
                        .maxSignatures(2)
                        .build()));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(e.getMessage().contains(": more than 2 signature candidates;"), e.getMessage());
  }
}
