package dev.custody.core.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.store.Attachment;
import dev.custody.store.AttachmentKind;
import dev.custody.store.AttachmentStorage;
import dev.custody.store.Attachments;
import dev.custody.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentFinderTest {
  @TempDir Path dir;

  private final TestImages.Image image = TestImages.image("tree");

  private ImageReference reference() {
    TestImages.writeLayout(dir, "v1", image);
    return ImageReference.parse(TestImages.layoutReference(dir, "v1"));
  }

  @Test
  void find_unsignedImage_resolvesAndListsNothing() throws Exception {
    ImageReference ref = reference();
    try (LayoutStore store = LayoutStore.open(dir, false)) {
      Attachments found = new AttachmentFinder().find(store, ref);

      assertEquals(image.digest(), found.resolved().digest());
      assertEquals(List.of(), found.attachments());
    }
  }

  @Test
  void find_everyKindAndStorage_listedCosignTagsFirstWithLayersAndTypes() throws Exception {
    ImageReference ref = reference();
    try (LayoutStore store = LayoutStore.open(dir, false)) {
      Descriptor subject = store.resolve("v1");
      TreeFixtures.Attached attached = TreeFixtures.attachAll(store, subject);

      List<Attachment> found = new AttachmentFinder().find(store, ref).attachments();

      assertEquals(5, found.size(), found.toString());
      Attachment sig = found.get(0);
      assertEquals(AttachmentKind.SIGNATURE, sig.kind());
      assertEquals(AttachmentStorage.COSIGN_TAG, sig.storage());
      assertEquals(Optional.of(subject.digest().toTagForm() + ".sig"), sig.tag());
      assertEquals(attached.signatures().digest(), sig.digest());
      assertEquals(2, sig.layers().size());
      assertEquals(Optional.of("application/vnd.oci.image.config.v1+json"), sig.artifactType());

      Attachment att = found.get(1);
      assertEquals(AttachmentKind.ATTESTATION, att.kind());
      assertEquals(Optional.of(TreeFixtures.SLSA), att.predicateType());

      List<Attachment> referrers = found.subList(2, 4);
      assertTrue(referrers.stream().allMatch(a -> a.storage() == AttachmentStorage.REFERRER), referrers.toString());
      Attachment notary = byDigest(referrers, attached.notary().digest());
      assertEquals(AttachmentKind.SIGNATURE, notary.kind());
      assertEquals(Optional.of(TreeFixtures.NOTARY.value()), notary.artifactType());
      Attachment bundle = byDigest(referrers, attached.bundle().digest());
      assertEquals(AttachmentKind.ATTESTATION, bundle.kind());
      assertEquals(Optional.of(TreeFixtures.SLSA), bundle.predicateType());

      Attachment sbom = found.get(4);
      assertEquals(AttachmentStorage.REFERRER_TAG_SCHEMA, sbom.storage());
      assertEquals(AttachmentKind.SBOM, sbom.kind());
      assertEquals(attached.sbom().digest(), sbom.digest());
    }
  }

  @Test
  void find_moreAttachmentsThanTheBound_limitExceededNamingTheImage() throws Exception {
    ImageReference ref = reference();
    try (LayoutStore store = LayoutStore.open(dir, false)) {
      TreeFixtures.attachAll(store, store.resolve("v1"));

      StoreException e = assertThrows(StoreException.class, () -> new AttachmentFinder(3).find(store, ref));

      assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
      assertTrue(e.getMessage().contains("more than 3 attachments"), e.getMessage());
      assertTrue(e.getMessage().contains(image.digest().toString()), e.getMessage());
    }
  }

  @Test
  void find_missingTag_notFound() throws Exception {
    reference();
    try (LayoutStore store = LayoutStore.open(dir, false)) {
      CustodyException e =
          assertThrows(
              CustodyException.class,
              () -> new AttachmentFinder().find(store, ImageReference.parse(TestImages.layoutReference(dir, "nope"))));

      assertEquals(Reason.NOT_FOUND, e.reason());
    }
  }

  private static Attachment byDigest(List<Attachment> list, dev.custody.oci.Digest digest) {
    return list.stream().filter(a -> a.digest().equals(digest)).findFirst().orElseThrow();
  }
}
