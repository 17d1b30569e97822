package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageCopierTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
  @RegisterExtension static final RegistryFixture SECURED = RegistryFixture.withBasicAuth();

  private static RegistryStore store(String repository) {
    return new RegistryStore(new OkHttpClient(), REGISTRY.baseUrl(), repository);
  }

  static void push(ArtifactStore store, TestImages.Artifact artifact, String tag)
      throws StoreException {
    for (TestImages.Blob blob : artifact.blobs()) {
      if (blob.mediaType().isManifest()) {
        store.putManifest(RegistryTestImages.parse(blob.content()));
      } else {
        store.putBlob(blob.descriptor(), blob.content().openStream());
      }
    }
    store.putManifest(RegistryTestImages.parse(artifact.manifest().content()), tag);
  }

  @Test
  void copy_indexBetweenRepositoriesOfOneRegistry_childrenCopiedBlobsMounted() throws Exception {
    TestImages.Index index = TestImages.index("copy");
    RegistryStore source = store(REGISTRY.uniqueRepository("copy-src"));
    push(source, index, "v1");
    RegistryRequests requests = new RegistryRequests();
    RegistryStore destination =
        new RegistryStore(
            requests.client(), REGISTRY.baseUrl(), REGISTRY.uniqueRepository("copy-dst"));

    ImageCopier.Result result =
        ImageCopier.copy(source, "v1", destination, Optional.of("promoted"));

    assertEquals(index.digest(), result.root().digest());
    assertEquals(4, result.blobsMounted()); // two layers and two configs
    assertEquals(0, result.blobsCopied());
    assertEquals(index.digest(), destination.resolve("promoted").digest());
    ImageIndex copied = (ImageIndex) destination.manifest(index.digest());
    for (Descriptor child : copied.manifests()) {
      assertEquals(child.digest(), destination.manifest(child.digest()).digest());
    }
    assertEquals(0, requests.count("PATCH", "/blobs/uploads/"));
    assertTrue(
        requests.seen.stream()
            .filter(s -> s.method().equals("POST"))
            .allMatch(s -> s.query().startsWith("mount=")));
  }

  @Test
  void copy_again_allBlobsSkipped() throws Exception {
    TestImages.Image image = TestImages.image("again");
    RegistryStore source = store(REGISTRY.uniqueRepository("again-src"));
    push(source, image, "v1");
    RegistryStore destination = store(REGISTRY.uniqueRepository("again-dst"));
    ImageCopier.copy(source, "v1", destination, Optional.empty());

    ImageCopier.Result second =
        ImageCopier.copy(source, image.digest().toString(), destination, Optional.empty());

    assertEquals(2, second.blobsSkipped());
    assertEquals(0, second.blobsCopied() + second.blobsMounted());
  }

  @Test
  void copy_toAnotherRegistry_blobsTransferredDigestUnchanged() throws Exception {
    TestImages.Index index = TestImages.index("cross");
    RegistryStore source = store(REGISTRY.uniqueRepository("cross-src"));
    push(source, index, "v1");
    RegistryStore destination =
        new RegistryStore(
            RegistryRequests.basicAuth(SECURED.username(), SECURED.password()),
            SECURED.baseUrl(),
            SECURED.uniqueRepository("cross-dst"));

    ImageCopier.Result result = ImageCopier.copy(source, "v1", destination, Optional.of("v1"));

    assertEquals(4, result.blobsCopied());
    assertEquals(0, result.blobsMounted());
    Descriptor resolved = destination.resolve("v1");
    assertEquals(index.digest(), resolved.digest());
    assertEquals(MediaType.OCI_INDEX, resolved.mediaType());
    TestImages.Image first = index.images().get(0);
    assertEquals(
        first.layer().content(), destination.readBlob(first.layer().descriptor(), 1 << 20));
  }

  @Test
  void copy_layoutToRegistryAndBack_sameDigestsAndContent(@TempDir Path tmp) throws Exception {
    TestImages.Index index = TestImages.index("layout");
    Path layoutDir = TestImages.writeLayout(tmp.resolve("in"), "v1", index);
    RegistryStore registry = store(REGISTRY.uniqueRepository("from-layout"));
    try (LayoutStore in = LayoutStore.open(layoutDir, false);
        LayoutStore out = LayoutStore.open(tmp.resolve("out"), true)) {
      ImageCopier.Result up = ImageCopier.copy(in, "v1", registry, Optional.of("v1"));
      ImageCopier.Result down = ImageCopier.copy(registry, "v1", out, Optional.of("back"));

      assertEquals(4, up.blobsCopied());
      assertEquals(4, down.blobsCopied());
      assertEquals(index.digest(), registry.resolve("v1").digest());
      assertEquals(index.digest(), out.resolve("back").digest());
      TestImages.Image second = index.images().get(1);
      assertEquals(second.config().content(), out.readBlob(second.config().descriptor(), 1 << 16));
    }
  }

  @Test
  void copy_missingSource_notFound() {
    RegistryStore source = store(REGISTRY.uniqueRepository("missing"));

    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                ImageCopier.copy(
                    source, "nope", store(REGISTRY.uniqueRepository("x")), Optional.empty()));

    assertEquals(Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().startsWith("resolve " + source.location() + ":nope"), e.getMessage());
  }
}
