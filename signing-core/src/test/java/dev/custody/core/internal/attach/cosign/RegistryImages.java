package dev.custody.core.internal.attach.cosign;

import dev.custody.Custody;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.store.ArtifactStore;
import java.util.Optional;

/** Pushes {@link TestImages} artifacts to the fixture registry through Custody's own store. */
final class RegistryImages {
  private RegistryImages() {}

  /** {@return the reference of {@code artifact}, pushed under {@code tag} to a fresh repository} */
  static ImageReference push(
      Custody custody, RegistryFixture registry, String hint, TestImages.Artifact artifact)
      throws Exception {
    ImageReference reference =
        ImageReference.parse(registry.reference(registry.uniqueRepository(hint), "v1"));
    try (ArtifactStore store = custody.open(reference)) {
      for (TestImages.Blob blob : artifact.blobs()) {
        if (blob.mediaType().isManifest()) {
          store.putManifest(ManifestCodec.parse(blob.content(), Optional.of(blob.mediaType())));
        } else {
          store.putBlob(blob.mediaType(), blob.content());
        }
      }
      store.putManifest(
          ManifestCodec.parse(
              artifact.manifest().content(), Optional.of(artifact.manifest().mediaType())),
          "v1");
    }
    return reference;
  }
}
