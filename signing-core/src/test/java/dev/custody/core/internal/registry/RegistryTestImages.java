package dev.custody.core.internal.registry;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
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

/** Builds small manifests and pushes them with their blobs, for registry tests. */
final class RegistryTestImages {
  private RegistryTestImages() {}

  static Manifest parse(Bytes raw) {
    try {
      return ManifestCodec.parse(raw, Optional.empty());
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
  }

  static ImageManifest manifest(Descriptor config, List<Descriptor> layers) {
    return ManifestCodec.writeImageManifest(config, layers);
  }

  static ImageManifest manifest(
      Descriptor config,
      List<Descriptor> layers,
      Optional<Descriptor> subject,
      Optional<MediaType> artifactType,
      Map<String, String> annotations) {
    return ManifestCodec.writeImageManifest(config, layers, subject, artifactType, annotations);
  }

  /** Pushes a config and one layer made from {@code seed}, then the manifest; returns it. */
  static ImageManifest pushImage(ArtifactStore store, String seed) throws StoreException {
    Descriptor config =
        store.putBlob(
            MediaType.OCI_CONFIG,
            Bytes.utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}"));
    Descriptor layer = store.putBlob(MediaType.OCI_LAYER, Bytes.utf8("layer of " + seed));
    ImageManifest m = manifest(config, List.of(layer));
    store.putManifest(m);
    return m;
  }

  /**
   * Pushes a referrer of {@code subject}: an artifact manifest with the empty config and one small
   * layer; returns it.
   */
  static ImageManifest pushReferrer(
      ArtifactStore store, Manifest subject, String name, MediaType type) throws StoreException {
    Descriptor empty = store.putBlob(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    Descriptor layer =
        store.putBlob(MediaType.of("application/octet-stream"), Bytes.utf8("payload " + name));
    ImageManifest m =
        manifest(
            empty,
            List.of(layer),
            Optional.of(Descriptor.of(subject.mediaType(), subject.digest(), subject.raw().size())),
            Optional.of(type),
            Map.of("dev.custody.test.name", name));
    store.putManifest(m);
    return m;
  }
}
