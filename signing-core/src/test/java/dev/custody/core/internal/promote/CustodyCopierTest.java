package dev.custody.core.internal.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Copy through the public API keeps the image digest and carries every attachment along. */
class CustodyCopierTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  private static final MediaType SIG_LAYER =
      MediaType.of("application/vnd.dev.cosign.simplesigning.v1+json");
  private static final MediaType SBOM = MediaType.of("application/spdx+json");

  @TempDir Path dir;

  private final Custody custody =
      Custody.builder().storeOptions(StoreOptions.defaults().withCreateLayouts()).build();

  @Test
  void copy_layoutToRegistryToLayout_keepsDigestAndEveryAttachment() throws Exception {
    TestImages.Image image = TestImages.image("copy-custody");
    ImageReference source = ImageReference.parse(TestImages.layoutReference(TestImages.writeLayout(dir.resolve("src"), "v1", image), "v1"));
    Digest digest = image.manifest().digest();
    Digest sigManifest;
    Digest referrer;
    try (ArtifactStore store = custody.open(source)) {
      sigManifest = attachCosignStyle(store, digest);
      referrer = attachReferrer(store, digest);
    }

    ImageReference remote = ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository("copy-custody"), "v1"));
    CopyResult toRegistry = custody.copy(source, remote);
    ImageReference back = ImageReference.parse("oci:" + dir.resolve("back") + ":v1");
    CopyResult toLayout = custody.copy(remote, back);

    assertEquals(digest, toRegistry.root().digest());
    assertEquals(2, toRegistry.attachments());
    assertEquals(digest, toLayout.root().digest());
    assertEquals(2, toLayout.attachments());
    try (ArtifactStore copy = custody.open(back)) {
      assertEquals(digest, copy.resolve("v1").digest());
      assertEquals(sigManifest, copy.resolve(digest.toTagForm() + ".sig").digest());
      List<Descriptor> referrers = copy.referrers(digest);
      assertEquals(List.of(referrer), referrers.stream().map(Descriptor::digest).toList());
    }
  }

  @Test
  void copy_destinationDigestDiffersFromSource_refusedNamingBoth() throws Exception {
    TestImages.Image image = TestImages.image("copy-pinned");
    ImageReference source = ImageReference.parse(TestImages.layoutReference(TestImages.writeLayout(dir.resolve("src"), "v1", image), "v1"));
    Digest other = Digest.of(Bytes.utf8("another image"));
    ImageReference destination = ImageReference.parse("oci:" + dir.resolve("dst") + "@" + other);

    CustodyException e = assertThrows(CustodyException.class, () -> custody.copy(source, destination));

    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains(other.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(image.manifest().digest().toString()), e.getMessage());
  }

  /** A cosign-style {@code sha256-<hex>.sig} image: one layer, tagged by the subject digest. */
  private static Digest attachCosignStyle(ArtifactStore store, Digest subject) throws StoreException {
    Descriptor config = store.putBlob(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
    Descriptor layer =
        store.putBlob(SIG_LAYER, Bytes.utf8("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + subject + "\"}}}"));
    ImageManifest sig = ManifestCodec.writeImageManifest(config, List.of(layer));
    return store.putManifest(sig, subject.toTagForm() + ".sig").digest();
  }

  /** An OCI 1.1 referrer (an SBOM) whose subject is the image. */
  private static Digest attachReferrer(ArtifactStore store, Digest subject) throws StoreException {
    Descriptor empty = store.putBlob(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    Descriptor sbom = store.putBlob(SBOM, Bytes.utf8("{\"spdxVersion\":\"SPDX-2.3\"}"));
    Descriptor subjectDescriptor = store.resolve(subject.toString());
    ImageManifest referrer =
        ManifestCodec.writeImageManifest(
            empty, List.of(sbom), Optional.of(subjectDescriptor), Optional.of(SBOM), Map.of());
    return store.putManifest(referrer).digest();
  }
}
