package dev.custody.core.internal.layout;

import dev.custody.Bytes;
import dev.custody.core.internal.oci.Golden;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small images and referrers written into a store, all built in-process. */
final class LayoutFixtures {
  static final MediaType SIGNATURE = MediaType.of("application/vnd.custody.test.signature");

  private LayoutFixtures() {}

  /** Puts M1's config and layer blobs (FORMATS.md §1.4) and returns M1 from its golden bytes. */
  static Manifest putM1Blobs(ArtifactStore store) throws Exception {
    store.putBlob(MediaType.OCI_CONFIG, Golden.read("m1-config.json"));
    store.putBlob(MediaType.OCI_LAYER, Golden.read("m1-layer.txt"));
    return ManifestCodec.parse(Golden.read("m1.json"), Optional.empty());
  }

  /** Puts a distinct one-layer image's blobs and returns its (not yet stored) manifest. */
  static ImageManifest putImageBlobs(ArtifactStore store, String name) throws StoreException {
    Descriptor config =
        store.putBlob(MediaType.OCI_CONFIG, Bytes.utf8("{\"os\":\"linux\",\"architecture\":\"amd64\",\"name\":\"" + name + "\"}"));
    Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Bytes.utf8("layer of " + name + "\n"));
    return ManifestCodec.writeImageManifest(config, List.of(layer));
  }

  /** Puts the blobs of a signature-like artifact for {@code subject} and returns its manifest. */
  static ImageManifest putReferrerBlobs(ArtifactStore store, Descriptor subject, String note)
      throws StoreException {
    Descriptor empty = store.putBlob(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    Descriptor payload = store.putBlob(SIGNATURE, Bytes.utf8("signature " + note + " of " + subject.digest()));
    return ManifestCodec.writeImageManifest(
        empty, List.of(payload), Optional.of(subject), Optional.of(SIGNATURE), Map.of("note", note));
  }

  /** The descriptor by which a subject is referenced (media type, digest, size). */
  static Descriptor subjectOf(Manifest manifest) {
    return Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.raw().size());
  }
}
