package dev.custody.core.internal.formats.bundle;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.ManifestWriter;
import dev.custody.core.internal.formats.Rfc3339;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The referrer manifest cosign v3 stores one Sigstore bundle in (FORMATS.md §3.10): artifactType
 * and single layer of the bundle media type, the empty config (with cosign's {@code artifactType}
 * quirk inside the config descriptor), the subject, and the content, predicate type and creation
 * annotations. Serialised in go-containerregistry key order and PUT by digest.
 */
public final class BundleReferrer {
  /** The artifact type and layer media type. */
  public static final MediaType BUNDLE_MEDIA_TYPE = MediaType.of(SigstoreBundle.MEDIA_TYPE_V03);

  /** Annotation: {@code dsse-envelope} or {@code message-signature}. */
  public static final String CONTENT_ANNOTATION = "dev.sigstore.bundle.content";

  /** Annotation: the statement's predicate type. */
  public static final String PREDICATE_TYPE_ANNOTATION = "dev.sigstore.bundle.predicateType";

  /** Annotation: creation time, RFC 3339 UTC seconds. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  /** The empty config blob {@code {}} (FORMATS.md §1.7), uploaded before the manifest. */
  public static final Bytes EMPTY_CONFIG = Bytes.utf8("{}");

  private static final String BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";

  private BundleReferrer() {}

  /**
   * Builds the referrer manifest.
   *
   * @param bundle the exact bundle bytes (the layer blob)
   * @param content what the bundle signs
   * @param predicateType the statement's predicate type, for DSSE bundles
   * @param created the creation time (truncated to seconds)
   * @param subject the descriptor of the signed manifest
   * @return the manifest with its exact bytes
   */
  public static ImageManifest manifest(
      Bytes bundle,
      SigstoreBundle.Content content,
      Optional<String> predicateType,
      Instant created,
      Descriptor subject) {
    requireNonNull(bundle, "bundle");
    requireNonNull(content, "content");
    requireNonNull(predicateType, "predicateType");
    requireNonNull(subject, "subject");
    Descriptor config =
        Descriptor.ofContent(MediaType.OCI_EMPTY, EMPTY_CONFIG).toBuilder()
            .artifactType(BUNDLE_MEDIA_TYPE)
            .build();
    Descriptor layer = Descriptor.ofContent(BUNDLE_MEDIA_TYPE, bundle);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(CONTENT_ANNOTATION, content.annotation());
    predicateType.ifPresent(t -> annotations.put(PREDICATE_TYPE_ANNOTATION, t));
    annotations.put(CREATED_ANNOTATION, Rfc3339.formatSeconds(created));
    Descriptor subjectDescriptor =
        Descriptor.of(subject.mediaType(), subject.digest(), subject.size());
    return ManifestWriter.write(
        ManifestWriter.KeyOrder.GO_CONTAINERREGISTRY,
        config,
        List.of(layer),
        Optional.of(BUNDLE_MEDIA_TYPE),
        Optional.of(subjectDescriptor),
        annotations);
  }

  /**
   * The bundle layer of a referrer, as cosign selects it: the manifest must have exactly one layer
   * and its media type must start with {@code application/vnd.dev.sigstore.bundle}; any other
   * referrer is not a bundle and is ignored.
   *
   * @param manifest a referrer manifest
   * @return the bundle layer, if this referrer holds one bundle
   */
  public static Optional<Descriptor> bundleLayer(ImageManifest manifest) {
    List<Descriptor> layers = manifest.layers();
    if (layers.size() != 1 || !layers.get(0).mediaType().value().startsWith(BUNDLE_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(layers.get(0));
  }
}
