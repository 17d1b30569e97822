package dev.custody.core.internal.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyEvent;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link dev.custody.store.CopyListener} hook: a copy, an export and a copy into a store that
 * already has everything report every blob and every manifest, each once, with the outcome the
 * {@link CopyResult} counts.
 */
class CopyListenerTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  private static final MediaType SIG_LAYER =
      MediaType.of("application/vnd.dev.cosign.simplesigning.v1+json");

  @TempDir Path dir;

  private final Custody custody =
      Custody.builder().storeOptions(StoreOptions.defaults().withCreateLayouts()).build();

  @Test
  void copy_indexWithSignature_listenerSeesEveryBlobAndManifestOnce() throws Exception {
    TestImages.Index index = TestImages.index("listener");
    ImageReference source = layout("src", index);
    Descriptor sigConfig;
    Descriptor sigLayer;
    Digest sigManifest;
    try (ArtifactStore store = custody.open(source)) {
      sigConfig = store.putBlob(MediaType.OCI_CONFIG, Bytes.utf8("{}"));
      sigLayer = store.putBlob(SIG_LAYER, Bytes.utf8("{\"signed\":\"" + index.digest() + "\"}"));
      ImageManifest sig = ManifestCodec.writeImageManifest(sigConfig, List.of(sigLayer));
      sigManifest = store.putManifest(sig, index.digest().toTagForm() + ".sig").digest();
    }
    List<CopyEvent> events = new ArrayList<>();
    ImageReference remote =
        ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository("listener"), "v1"));

    CopyResult result = custody.copy(source, remote, events::add);

    Set<Digest> expectedBlobs = new HashSet<>(Set.of(sigConfig.digest(), sigLayer.digest()));
    Set<Digest> expectedManifests = new HashSet<>(Set.of(index.digest(), sigManifest));
    for (TestImages.Image image : index.images()) {
      expectedBlobs.add(image.layer().digest());
      expectedBlobs.add(image.config().digest());
      expectedManifests.add(image.manifest().digest());
    }
    assertEquals(expectedBlobs, digests(events, CopyEvent.Kind.BLOB));
    assertEquals(expectedBlobs.size(), count(events, CopyEvent.Kind.BLOB), events.toString());
    assertEquals(expectedManifests, digests(events, CopyEvent.Kind.MANIFEST));
    assertEquals(result.blobsCopied(), count(events, CopyEvent.Outcome.COPIED, CopyEvent.Kind.BLOB));
    assertEquals(result.blobsSkipped(), count(events, CopyEvent.Outcome.SKIPPED, CopyEvent.Kind.BLOB));
    assertEquals(index.digest(), lastManifestBefore(events, sigManifest), "the image before its signature");
  }

  @Test
  void copy_destinationHasEverything_everyBlobReportedSkipped() throws Exception {
    TestImages.Image image = TestImages.image("listener-again");
    ImageReference source = layout("src", image);
    ImageReference destination = ImageReference.parse("oci:" + dir.resolve("dst") + ":v1");
    custody.copy(source, destination);
    List<CopyEvent> events = new ArrayList<>();

    CopyResult again = custody.copy(source, destination, events::add);

    assertEquals(0, again.blobsCopied());
    assertEquals(
        List.of(
            "BLOB " + image.config().digest() + " SKIPPED",
            "BLOB " + image.layer().digest() + " SKIPPED",
            "MANIFEST " + image.manifest().digest() + " COPIED"),
        events.stream()
            .map(e -> e.kind() + " " + e.descriptor().digest() + " " + e.outcome())
            .collect(Collectors.toList()));
    assertEquals(image.layer().size(), events.get(1).descriptor().size());
  }

  @Test
  void export_listenerSeesTheImageBlobs() throws Exception {
    TestImages.Image image = TestImages.image("listener-export");
    ImageReference source = layout("src", image);
    List<CopyEvent> events = new ArrayList<>();

    custody.export(source, ImageReference.parse("oci:" + dir.resolve("offline")), events::add);

    assertEquals(
        Set.of(image.config().digest(), image.layer().digest()), digests(events, CopyEvent.Kind.BLOB));
    assertEquals(Set.of(image.manifest().digest()), digests(events, CopyEvent.Kind.MANIFEST));
    assertTrue(events.stream().allMatch(e -> e.outcome() == CopyEvent.Outcome.COPIED), events.toString());
  }

  @Test
  void copy_listenerThrows_copyAbortsWithItsException() {
    TestImages.Image image = TestImages.image("listener-throws");
    ImageReference source = layout("src", image);
    IllegalStateException stop = new IllegalStateException("stop");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                custody.copy(
                    source,
                    ImageReference.parse("oci:" + dir.resolve("dst") + ":v1"),
                    event -> {
                      throw stop;
                    }));

    assertSame(stop, thrown);
    assertEquals("stop", thrown.getMessage());
  }

  private ImageReference layout(String name, TestImages.Artifact artifact) {
    return ImageReference.parse(
        TestImages.layoutReference(TestImages.writeLayout(dir.resolve(name), "v1", artifact), "v1"));
  }

  private static Set<Digest> digests(List<CopyEvent> events, CopyEvent.Kind kind) {
    return events.stream()
        .filter(e -> e.kind() == kind)
        .map(e -> e.descriptor().digest())
        .collect(Collectors.toSet());
  }

  private static long count(List<CopyEvent> events, CopyEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  private static long count(List<CopyEvent> events, CopyEvent.Outcome outcome, CopyEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind && e.outcome() == outcome).count();
  }

  private static Digest lastManifestBefore(List<CopyEvent> events, Digest manifest) {
    Digest last = null;
    for (CopyEvent e : events) {
      if (e.kind() != CopyEvent.Kind.MANIFEST) {
        continue;
      }
      if (e.descriptor().digest().equals(manifest)) {
        return last;
      }
      last = e.descriptor().digest();
    }
    throw new AssertionError(manifest + " not reported: " + events);
  }
}
