package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.flipBit;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.key;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.rewriteSignatureTag;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.signatureImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.formats.bundle.BundleCodec;
import dev.custody.core.internal.formats.bundle.BundleReferrer;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseSignature;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.Evidence;
import dev.custody.policy.SignerIdentity;
import dev.custody.sign.KeyType;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.StoredSignature;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Through the scheme, for every key type and both storage modes: verify(sign(m)) holds, and any
 * one-bit change to the signed bytes (payload or statement) or to the signature fails. m is the
 * signed payload, varied through a signed annotation.
 */
class CosignSchemeProperties {
  private static final CosignScheme SCHEME = new CosignScheme(Clock.systemUTC());

  @Property(tries = 40)
  void verifyOfSign_holds_andOneFlippedBitFails(
      @ForAll KeyType type,
      @ForAll ReferrersMode mode,
      @ForAll @StringLength(max = 40) String note,
      @ForAll boolean flipSignature,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position)
      throws Exception {
    Path dir = Files.createTempDirectory("custody-cosign-property-");
    try (LayoutStore store =
        LayoutStore.open(TestImages.writeLayout(dir, "v1", TestImages.image("property")), false)) {
      SigningKey key = key(type);
      Manifest subject = store.manifest(store.resolve("v1").digest());
      ImageReference image =
          ImageReference.parse("oci:" + dir + ":v1").withDigest(subject.digest());
      SignOptions options =
          SignOptions.builder().referrersMode(mode).annotations(Map.of("note", note)).build();
      VerifyOptions trust =
          VerifyOptions.builder()
              .signers(List.of(CosignFixtures.trusted("k", key)))
              .requiredAnnotations(Map.of("note", note))
              .build();

      StoredSignature stored = SCHEME.sign(store, image, subject, key.signer(), options).get(0);
      Evidence good = examineOnly(store, image, subject, trust);

      assertTrue(good.isVerified(), good.failureDetail());
      assertEquals(
          Optional.of(SignerIdentity.ofKey(key.publicKey().fingerprint())), good.verifiedBy());

      if (mode == ReferrersMode.LEGACY) {
        tamperLegacy(store, subject, flipSignature, position);
      } else {
        tamperBundle(store, subject, stored, flipSignature, position);
      }
      Evidence bad = examineOnly(store, image, subject, trust);

      assertFalse(bad.isVerified(), "a flipped bit must not verify");
    } finally {
      deleteTree(dir);
    }
  }

  private static Evidence examineOnly(
      LayoutStore store, ImageReference image, Manifest subject, VerifyOptions trust)
      throws Exception {
    List<Evidence> evidence =
        SCHEME.examine(store, image, subject.descriptor(), trust, new CandidateBudget(10));
    assertEquals(1, evidence.size(), evidence.toString());
    return evidence.get(0);
  }

  private static void tamperLegacy(
      LayoutStore store, Manifest subject, boolean flipSignature, int position) throws Exception {
    Descriptor layer = signatureImage(store, subject.digest()).layers().get(0);
    Bytes payload = store.readBlob(layer, 1 << 20);
    Bytes signature = SignatureLayer.read(layer).signature();
    if (flipSignature) {
      signature = flipBit(signature, position % (signature.size() * 8));
    } else {
      payload = flipBit(payload, position % (payload.size() * 8));
    }
    store.putBlob(SimpleSigningPayload.MEDIA_TYPE, payload);
    rewriteSignatureTag(
        store,
        subject.digest(),
        List.of(SignatureLayer.signature(payload, signature).build().descriptor()));
  }

  private static void tamperBundle(
      LayoutStore store,
      Manifest subject,
      StoredSignature stored,
      boolean flipSignature,
      int position)
      throws Exception {
    ImageManifest referrer = (ImageManifest) store.manifest(stored.manifest());
    SigstoreBundle bundle = BundleCodec.parse(store.readBlob(referrer.layers().get(0), 1 << 20));
    DsseEnvelope envelope = bundle.dsseEnvelope().orElseThrow();
    Bytes statement = envelope.payload();
    Bytes signature = envelope.signatures().get(0).sig();
    if (flipSignature) {
      signature = flipBit(signature, position % (signature.size() * 8));
    } else {
      statement = flipBit(statement, position % (statement.size() * 8));
    }
    Bytes tampered =
        BundleCodec.write(
            SigstoreBundle.ofKey(
                bundle.publicKeyHint().orElseThrow(),
                new DsseEnvelope(
                    envelope.payloadType(), statement, List.of(DsseSignature.of(signature)))));
    store.deleteManifest(referrer.digest());
    store.putBlob(BundleReferrer.BUNDLE_MEDIA_TYPE, tampered);
    store.putBlob(MediaType.OCI_EMPTY, BundleReferrer.EMPTY_CONFIG);
    store.putManifest(
        BundleReferrer.manifest(
            tampered,
            SigstoreBundle.Content.DSSE_ENVELOPE,
            Optional.empty(),
            java.time.Instant.EPOCH,
            subject.descriptor()));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
