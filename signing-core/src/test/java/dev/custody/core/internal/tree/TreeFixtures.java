package dev.custody.core.internal.tree;

import dev.custody.Bytes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attaches one of each kind of attachment to an image in a store, with plain manifests (no
 * signatures inside): a cosign {@code .sig} tag with two layers, an {@code .att} tag, a Notary
 * referrer, a Sigstore bundle referrer of an attestation, and an SBOM listed only by the referrers
 * tag schema index. Public so the CLI's tests can use it from the core test jar.
 */
public final class TreeFixtures {
  public static final String SLSA = "https://slsa.dev/provenance/v1";
  public static final MediaType SIMPLE_SIGNING = MediaType.of("application/vnd.dev.cosign.simplesigning.v1+json");
  public static final MediaType DSSE = MediaType.of("application/vnd.dsse.envelope.v1+json");
  public static final MediaType NOTARY = MediaType.of("application/vnd.cncf.notary.signature");
  public static final MediaType BUNDLE = MediaType.of("application/vnd.dev.sigstore.bundle.v0.3+json");
  public static final MediaType SPDX = MediaType.of("application/spdx+json");

  /** The manifests written, in the order {@code tree} lists them. */
  public record Attached(
      ImageManifest signatures,
      ImageManifest attestations,
      ImageManifest notary,
      ImageManifest bundle,
      ImageManifest sbom,
      ImageIndex tagSchemaIndex) {}

  private TreeFixtures() {}

  /**
   * Writes the attachments of {@code subject} into {@code store}.
   *
   * @param store the store holding the subject
   * @param subject the image's manifest descriptor
   * @return what was written
   * @throws StoreException if the store fails
   */
  public static Attached attachAll(ArtifactStore store, Descriptor subject) throws StoreException {
    Descriptor config = store.putBlob(MediaType.OCI_CONFIG, Bytes.utf8("{\"tree\":\"config\"}"));
    Descriptor empty = store.putBlob(MediaType.OCI_EMPTY, Bytes.utf8("{}"));
    String tagBase = subject.digest().toTagForm();

    ImageManifest signatures =
        manifest(config, List.of(blob(store, SIMPLE_SIGNING, "sig one"), blob(store, SIMPLE_SIGNING, "sig two")),
            Optional.empty(), Optional.empty(), Map.of());
    store.putManifest(signatures, tagBase + ".sig");

    Descriptor attestationLayer =
        blob(store, DSSE, "envelope").toBuilder().annotation("predicateType", SLSA).build();
    ImageManifest attestations =
        manifest(config, List.of(attestationLayer), Optional.empty(), Optional.empty(), Map.of());
    store.putManifest(attestations, tagBase + ".att");

    ImageManifest notary =
        manifest(empty, List.of(blob(store, MediaType.of("application/jose+json"), "jws")),
            Optional.of(subject), Optional.of(NOTARY), Map.of());
    store.putManifest(notary);

    ImageManifest bundle =
        manifest(empty, List.of(blob(store, BUNDLE, "bundle")), Optional.of(subject), Optional.of(BUNDLE),
            Map.of("dev.sigstore.bundle.predicateType", SLSA, "dev.sigstore.bundle.content", "dsse-envelope"));
    store.putManifest(bundle);

    // no subject: only the tag-schema index names it, as after a client on a registry without the API
    ImageManifest sbom =
        manifest(empty, List.of(blob(store, SPDX, "sbom")), Optional.empty(), Optional.of(SPDX), Map.of());
    store.putManifest(sbom);
    Descriptor listed = sbom.descriptor().toBuilder().artifactType(SPDX).build();
    ImageIndex index =
        dev.custody.core.internal.oci.ManifestCodec.writeIndex(List.of(listed));
    store.putManifest(index, tagBase);
    return new Attached(signatures, attestations, notary, bundle, sbom, index);
  }

  private static Descriptor blob(ArtifactStore store, MediaType type, String content) throws StoreException {
    return store.putBlob(type, Bytes.utf8(content));
  }

  private static ImageManifest manifest(
      Descriptor config,
      List<Descriptor> layers,
      Optional<Descriptor> subject,
      Optional<MediaType> artifactType,
      Map<String, String> annotations) {
    return dev.custody.core.internal.oci.ManifestCodec.writeImageManifest(
        config, layers, subject, artifactType, annotations);
  }
}
