package dev.custody.core.internal.attach.cosign;

import static dev.custody.core.internal.attach.cosign.CosignFixtures.key;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.rewriteSignatureTag;
import static dev.custody.core.internal.attach.cosign.CosignFixtures.signatureImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.core.internal.formats.cosign.SimpleSigningPayload;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer in another process races our append at the two moments that matter, staged
 * deterministically: its stale write lands on top of ours (we must notice, merge and write again),
 * or it writes between our read and our write (we must start over from its manifest).
 */
class SignatureTagRaceTest {
  @TempDir Path tmp;

  private final TestImages.Image testImage = TestImages.image("race");
  private ImageReference image;
  private Path layout;
  private Descriptor theirLayer;
  private Bytes theirPayload;

  @BeforeEach
  void setUp() throws Exception {
    layout = TestImages.writeLayout(tmp.resolve("layout"), "v1", testImage);
    image = ImageReference.parse("oci:" + layout + ":v1").withDigest(testImage.digest());
    Signer them = key(KeyType.EC_P384).signer();
    theirPayload =
        SimpleSigningPayload.build(image.context(), testImage.digest(), Map.of("by", "them"));
    theirLayer =
        SignatureLayer.signature(theirPayload, them.sign(theirPayload)).build().descriptor();
  }

  /** The other writer read an empty tag earlier and now writes its single layer. */
  private void theirStaleWrite(ArtifactStore store) throws Exception {
    store.putBlob(SimpleSigningPayload.MEDIA_TYPE, theirPayload);
    rewriteSignatureTag(store, testImage.digest(), List.of(theirLayer));
  }

  private List<Descriptor> signThrough(InterferingStore.Moment moment) throws Exception {
    return signThrough(moment, this::theirStaleWrite);
  }

  private List<Descriptor> signThrough(
      InterferingStore.Moment moment, InterferingStore.Interference interference) throws Exception {
    try (LayoutStore real = LayoutStore.open(layout, false)) {
      InterferingStore store = new InterferingStore(real, moment, interference);
      Manifest subject = real.manifest(testImage.digest());
      new CosignScheme(Clock.systemUTC())
          .sign(store, image, subject, key(KeyType.EC_P256).signer(), SignOptions.defaults());
      assertTrue(store.interfered(), "the race was staged");
      return signatureImage(real, testImage.digest()).layers();
    }
  }

  @Test
  void staleWriteLandsAfterOurs_weMergeAndWriteAgain_bothLayersKept() throws Exception {
    List<Descriptor> layers = signThrough(InterferingStore.Moment.AFTER_TAGGED_PUT);

    assertEquals(2, layers.size(), layers.toString());
    assertEquals(
        theirLayer, layers.get(0), "their layer first: it is what the tag held on re-read");
  }

  @Test
  void writeBetweenOurReadAndWrite_weStartOver_bothLayersKept() throws Exception {
    List<Descriptor> layers = signThrough(InterferingStore.Moment.AFTER_CONFIG_UPLOAD);

    assertEquals(2, layers.size(), layers.toString());
    assertEquals(theirLayer, layers.get(0));
  }

  @Test
  void manifestRefusedAsIfABlobWereHalfWritten_retried_ourLayerStored() throws Exception {
    List<Descriptor> layers =
        signThrough(
            InterferingStore.Moment.INSTEAD_OF_TAGGED_PUT,
            store -> {
              throw new StoreException(
                  Reason.DIGEST_MISMATCH,
                  "push manifest: the registry rejected the digest or size (HTTP 400)",
                  null);
            });

    assertEquals(1, layers.size(), layers.toString());
  }
}
