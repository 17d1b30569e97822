package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.CUSTODY;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.key;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.reasons;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.signatureImage;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusted;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.trusting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.oci.Digest;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.StoredSignature;
import dev.custody.store.StoreException;
import dev.custody.verify.PlatformSignatures;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign and verify cosign-format signatures end to end on OCI layouts, through {@code Custody}. */
class CosignSchemeTest {
  private static final SignOptions OCI_1_1 =
      SignOptions.builder().referrersMode(ReferrersMode.OCI_1_1).build();

  @TempDir Path tmp;

  private ImageReference image(String variant) {
    TestImages.writeLayout(tmp.resolve(variant), "v1", TestImages.image(variant));
    return ImageReference.parse("oci:" + tmp.resolve(variant) + ":v1");
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void legacySign_thenVerify_verifiedByTheKey(KeyType type) throws Exception {
    ImageReference image = image("legacy-" + type);
    SigningKey key = key(type);

    SignResult result = CUSTODY.sign(image, key.signer(), SignOptions.defaults());
    SignatureReport report = CUSTODY.verify(image, trusting(trusted("release", key)));

    StoredSignature stored = result.signatures().get(0);
    assertEquals(EvidenceStorage.COSIGN_SIG, stored.storage());
    assertEquals(CosignTags.signatureTag(result.resolved().digest()), stored.location());
    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    Evidence evidence = report.examined().get(0);
    assertEquals(Optional.of(SignatureFormat.COSIGN), evidence.format());
    assertEquals(EvidenceStorage.COSIGN_SIG, evidence.storage());
    assertEquals(stored.manifest(), evidence.ref());
    assertEquals(result.resolved().digest(), evidence.subject());
    assertEquals(
        Optional.of(SignerIdentity.ofKey(key.publicKey().fingerprint())), evidence.verifiedBy());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void bundleSign_thenVerify_verifiedFromTheReferrer(KeyType type) throws Exception {
    ImageReference image = image("bundle-" + type);
    SigningKey key = key(type);

    SignResult result = CUSTODY.sign(image, key.signer(), OCI_1_1);
    SignatureReport report = CUSTODY.verify(image, trusting(trusted("release", key)));

    StoredSignature stored = result.signatures().get(0);
    assertEquals(EvidenceStorage.REFERRER_BUNDLE, stored.storage());
    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(1, report.examined().size());
    assertEquals(EvidenceStorage.REFERRER_BUNDLE, report.examined().get(0).storage());
    assertEquals(stored.manifest(), report.examined().get(0).ref());
  }

  @Test
  void bundleSign_referrerManifest_isCosignV3Shaped() throws Exception {
    ImageReference image = image("bundle-shape");
    SignResult result = CUSTODY.sign(image, key(KeyType.EC_P256).signer(), OCI_1_1);

    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      ImageManifest referrer =
          (ImageManifest) store.manifest(result.signatures().get(0).manifest());
      assertEquals(Optional.of(BundleReferrer.BUNDLE_MEDIA_TYPE), referrer.artifactType());
      assertEquals(result.resolved().digest(), referrer.subject().orElseThrow().digest());
      assertEquals(1, referrer.layers().size());
      assertEquals(
          Optional.of(PredicateTypes.COSIGN_SIGN_V1),
          referrer.annotations().entrySet().stream()
              .filter(e -> e.getKey().equals(BundleReferrer.PREDICATE_TYPE_ANNOTATION))
              .map(Map.Entry::getValue)
              .findFirst());
      String bundle = store.readBlob(referrer.layers().get(0), 1 << 20).asUtf8();
      assertTrue(
          bundle.contains("\"hint\":\"" + key(KeyType.EC_P256).publicKey().keyId() + "\""), bundle);
      assertTrue(bundle.contains("\"payloadType\":\"application/vnd.in-toto+json\""), bundle);
    }
  }

  @Test
  void verify_signedInBothModes_readsBoth() throws Exception {
    ImageReference image = image("both");
    SigningKey legacyKey = key(KeyType.EC_P256);
    SigningKey bundleKey = key(KeyType.ED25519);
    CUSTODY.sign(image, legacyKey.signer(), SignOptions.defaults());
    CUSTODY.sign(image, bundleKey.signer(), OCI_1_1);

    SignatureReport report =
        CUSTODY.verify(image, trusting(trusted("a", legacyKey), trusted("b", bundleKey)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(
        List.of(EvidenceStorage.COSIGN_SIG, EvidenceStorage.REFERRER_BUNDLE),
        report.examined().stream().map(Evidence::storage).collect(Collectors.toList()));
    assertTrue(
        report.examined().stream().allMatch(Evidence::isVerified), report.examined().toString());
  }

  @Test
  void legacySign_annotations_signedInOptionalAndRequiredOnVerify() throws Exception {
    ImageReference image = image("annotated");
    SigningKey key = key(KeyType.EC_P256);
    CUSTODY.sign(
        image,
        key.signer(),
        SignOptions.builder().annotations(Map.of("stage", "approved", "build", "42")).build());

    VerifyOptions matching =
        VerifyOptions.builder()
            .signers(List.of(trusted("k", key)))
            .requiredAnnotations(Map.of("stage", "approved"))
            .build();
    VerifyOptions differing =
        VerifyOptions.builder()
            .signers(List.of(trusted("k", key)))
            .requiredAnnotations(Map.of("stage", "rejected"))
            .build();
    SignatureReport ok = CUSTODY.verify(image, matching);
    SignatureReport bad = CUSTODY.verify(image, differing);

    assertEquals(SignatureOutcome.VERIFIED, ok.outcome(), ok.message());
    SimpleSigningPayload payload = SimpleSigningPayload.parse(ok.examined().get(0).content());
    assertEquals(Map.of("build", "42", "stage", "approved"), payload.annotations());
    assertEquals(image.context(), payload.dockerReference());
    assertEquals(SignatureOutcome.NONE_TRUSTED, bad.outcome());
    Evidence rejected = bad.examined().get(0);
    assertEquals(Optional.of(ReasonCode.CONDITION_FAILED), rejected.failure());
    assertEquals(
        "signed annotation stage differs (expected \"rejected\", got \"approved\")",
        rejected.failureDetail());
  }

  @Test
  void bundleSign_annotations_requiredOnVerify() throws Exception {
    ImageReference image = image("bundle-annotated");
    SigningKey key = key(KeyType.EC_P256);
    CUSTODY.sign(
        image,
        key.signer(),
        SignOptions.builder()
            .referrersMode(ReferrersMode.OCI_1_1)
            .annotations(Map.of("stage", "qa"))
            .build());

    SignatureReport ok =
        CUSTODY.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(trusted("k", key)))
                .requiredAnnotations(Map.of("stage", "qa"))
                .build());
    SignatureReport missing =
        CUSTODY.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(trusted("k", key)))
                .requiredAnnotations(Map.of("ticket", "7"))
                .build());

    assertEquals(SignatureOutcome.VERIFIED, ok.outcome(), ok.message());
    assertEquals(List.of(Optional.of(ReasonCode.CONDITION_FAILED)), reasons(missing));
    assertEquals(
        "signed annotation ticket is missing (expected \"7\")",
        missing.examined().get(0).failureDetail());
  }

  @Test
  void legacySign_timestampInOptional_becomesSignedTime() throws Exception {
    // containers/image writes optional.timestamp; a signature carrying it has a signed time
    ImageReference image = image("timestamped");
    SigningKey key = key(KeyType.EC_P256);
    SignResult signed = CUSTODY.sign(image, key.signer(), SignOptions.defaults());
    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      Bytes payload =
          SimpleSigningPayload.buildWithOptional(
              image.context(),
              signed.resolved().digest(),
              Map.of(
                  "timestamp", com.fasterxml.jackson.databind.node.LongNode.valueOf(1735787400L)));
      Descriptor layer =
          dev.custody.core.internal.formats.cosign.SignatureLayer.signature(
                  payload, key.signer().sign(payload))
              .build()
              .descriptor();
      store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
      CosignFixtures.rewriteSignatureTag(store, signed.resolved().digest(), List.of(layer));
    }

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("k", key)));

    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(
        Optional.of(Instant.ofEpochSecond(1735787400L)), report.examined().get(0).signedTime());
  }

  @Test
  void legacySign_twiceWithTheSameKeyInOneSecond_keepsOneLayer() throws Exception {
    ImageReference image = image("twice");
    SigningKey key = key(KeyType.EC_P256);
    CosignScheme scheme =
        new CosignScheme(java.time.Clock.fixed(java.time.Instant.parse("2026-11-26T10:00:00Z"), java.time.ZoneOffset.UTC));

    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      Digest digest = store.resolve(image.tagOrDigest()).digest();
      ImageReference pinned = image.withDigest(digest);
      List<StoredSignature> first =
          scheme.sign(store, pinned, store.manifest(digest), key.signer(), SignOptions.defaults());
      List<StoredSignature> second =
          scheme.sign(store, pinned, store.manifest(digest), key.signer(), SignOptions.defaults());

      assertEquals(first.get(0).manifest(), second.get(0).manifest());
      assertEquals(1, signatureImage(store, digest).layers().size());
    }
  }

  @Test
  void legacySign_recordsTheSigningTimeInOptionalTimestamp() throws Exception {
    ImageReference image = image("timestamp");
    SigningKey key = key(KeyType.EC_P256);
    java.time.Instant when = java.time.Instant.parse("2026-11-26T10:00:00Z");
    CosignScheme scheme = new CosignScheme(java.time.Clock.fixed(when, java.time.ZoneOffset.UTC));

    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      Digest digest = store.resolve(image.tagOrDigest()).digest();
      scheme.sign(store, image.withDigest(digest), store.manifest(digest), key.signer(), SignOptions.defaults());
      Descriptor layer = signatureImage(store, digest).layers().get(0);
      String payload = store.readBlob(layer, 1 << 20).asUtf8();

      assertTrue(payload.contains("\"timestamp\":" + when.getEpochSecond()), payload);
    }
  }

  @Test
  void bundleSign_withCertificateChain_refusedRatherThanDropped() {
    ImageReference image = image("bundle-cert");
    SigningKey key = key(KeyType.EC_P256);
    SignOptions withChain =
        SignOptions.builder()
            .referrersMode(dev.custody.sign.ReferrersMode.OCI_1_1)
            .certificateChain(List.of(Bytes.utf8("not even parsed")))
            .build();

    dev.custody.sign.SigningException e =
        assertThrows(
            dev.custody.sign.SigningException.class,
            () -> CUSTODY.sign(image, key.signer(), withChain));

    assertTrue(e.getMessage().contains("only with legacy cosign signatures"), e.getMessage());
  }

  @Test
  void legacySign_timestampAnnotation_refusedAsReserved() {
    ImageReference image = image("reserved");
    SigningKey key = key(KeyType.EC_P256);

    dev.custody.sign.SigningException e =
        assertThrows(
            dev.custody.sign.SigningException.class,
            () ->
                CUSTODY.sign(
                    image,
                    key.signer(),
                    SignOptions.builder().annotations(java.util.Map.of("timestamp", "1")).build()));

    assertTrue(e.getMessage().contains("reserved for the signing time"), e.getMessage());
  }

  @Test
  void legacySign_twoKeys_appendsOneLayerEach() throws Exception {
    ImageReference image = image("two-keys");
    SigningKey a = key(KeyType.EC_P256);
    SigningKey b = key(KeyType.EC_P384);

    SignResult first = CUSTODY.sign(image, a.signer(), SignOptions.defaults());
    CUSTODY.sign(image, b.signer(), SignOptions.defaults());
    SignatureReport report = CUSTODY.verify(image, trusting(trusted("b", b)));

    try (LayoutStore store = LayoutStore.open(Path.of(image.layoutPath()), false)) {
      assertEquals(2, signatureImage(store, first.resolved().digest()).layers().size());
    }
    assertEquals(SignatureOutcome.VERIFIED, report.outcome());
    assertEquals(
        List.of(Optional.of(ReasonCode.SIGNATURE_INVALID), Optional.empty()), reasons(report));
    assertEquals(
        "the signature does not verify with any of the 1 trusted key(s) (made by another key, or"
            + " altered)",
        report.examined().get(0).failureDetail());
  }

  @Test
  void verify_unsigned_noSignatures() throws Exception {
    ImageReference image = image("unsigned");

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("k", key(KeyType.EC_P256))));

    assertEquals(SignatureOutcome.NO_SIGNATURES, report.outcome());
    assertTrue(report.examined().isEmpty());
    assertTrue(report.message().startsWith("no signatures found for "), report.message());
  }

  @Test
  void verify_signedByAnotherKeyOnly_noneTrusted() throws Exception {
    ImageReference image = image("other-key");
    CUSTODY.sign(image, key(KeyType.EC_P256).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.EC_P256).signer(), OCI_1_1);

    SignatureReport report = CUSTODY.verify(image, trusting(trusted("k", key(KeyType.ED25519))));

    assertEquals(SignatureOutcome.NONE_TRUSTED, report.outcome());
    assertTrue(report.message().startsWith("2 signature(s) found for "), report.message());
    // a legacy layer names no key; a bundle's hint names the untrusted one
    assertEquals(
        List.of(
            Optional.of(ReasonCode.SIGNATURE_INVALID), Optional.of(ReasonCode.UNTRUSTED_SIGNER)),
        reasons(report));
    assertEquals(
        "signed by key " + key(KeyType.EC_P256).publicKey().keyId() + ", which is not trusted",
        report.examined().get(1).failureDetail());
  }

  @Test
  void index_notRecursive_requireAllPlatformsNamesUnsignedChildren() throws Exception {
    TestImages.Index index = TestImages.index("multi");
    TestImages.writeLayout(tmp.resolve("multi"), "v1", index);
    ImageReference image = ImageReference.parse("oci:" + tmp.resolve("multi") + ":v1");
    SigningKey key = key(KeyType.EC_P256);
    CUSTODY.sign(image, key.signer(), SignOptions.defaults());

    SignatureReport report =
        CUSTODY.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(trusted("k", key)))
                .requireAllPlatforms(true)
                .build());

    assertEquals(SignatureOutcome.PLATFORMS_UNSIGNED, report.outcome());
    for (TestImages.Image child : index.images()) {
      assertTrue(
          report.message().contains(child.platform() + " " + child.digest()), report.message());
    }
    assertEquals(2, report.platforms().size());
    assertFalse(report.platforms().stream().anyMatch(PlatformSignatures::verified));
  }

  @Test
  void index_recursive_signsIndexAndEveryPlatform() throws Exception {
    TestImages.Index index = TestImages.index("multi-recursive");
    TestImages.writeLayout(tmp.resolve("multi-r"), "v1", index);
    ImageReference image = ImageReference.parse("oci:" + tmp.resolve("multi-r") + ":v1");
    SigningKey key = key(KeyType.EC_P256);

    SignResult result =
        CUSTODY.sign(image, key.signer(), SignOptions.builder().recursive(true).build());
    SignatureReport report =
        CUSTODY.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(trusted("k", key)))
                .requireAllPlatforms(true)
                .build());

    assertEquals(
        List.of(index.digest(), index.images().get(0).digest(), index.images().get(1).digest()),
        result.signatures().stream().map(StoredSignature::subject).collect(Collectors.toList()));
    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertTrue(report.platforms().stream().allMatch(PlatformSignatures::verified));
  }

  @Test
  void verify_moreCandidatesThanMaxSignatures_limitExceeded() throws Exception {
    ImageReference image = image("crowded");
    CUSTODY.sign(image, key(KeyType.EC_P256).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.EC_P384).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.ED25519).signer(), OCI_1_1);
    VerifyOptions options =
        VerifyOptions.builder()
            .signers(List.of(trusted("k", key(KeyType.EC_P256))))
            .maxSignatures(2)
            .build();

    StoreException e = assertThrows(StoreException.class, () -> CUSTODY.verify(image, options));

    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertTrue(
        e.getMessage().startsWith("examine signatures of " + image.context() + "@"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                ": more than 2 signature candidates; raise the limit (--max-signatures) if this is"
                    + " expected"),
        e.getMessage());
  }

  @Test
  void verify_exactlyMaxSignatures_isFine() throws Exception {
    ImageReference image = image("full");
    CUSTODY.sign(image, key(KeyType.EC_P256).signer(), SignOptions.defaults());
    CUSTODY.sign(image, key(KeyType.ED25519).signer(), OCI_1_1);

    SignatureReport report =
        CUSTODY.verify(
            image,
            VerifyOptions.builder()
                .signers(List.of(trusted("k", key(KeyType.EC_P256))))
                .maxSignatures(2)
                .build());

    assertEquals(SignatureOutcome.VERIFIED, report.outcome());
    assertEquals(2, report.examined().size());
  }
}
