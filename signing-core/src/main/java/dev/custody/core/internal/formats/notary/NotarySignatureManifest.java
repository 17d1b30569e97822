package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.ManifestWriter;
import dev.custody.core.internal.formats.Rfc3339;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The referrer manifest notation stores one signature envelope in (FORMATS.md §5.1, §5.8):
 * artifactType {@code application/vnd.cncf.notary.signature}, the empty config with its {@code
 * data}, one envelope layer, the subject, and the certificate thumbprint and creation annotations;
 * serialised in the image-spec (oras-go) key order and PUT by digest.
 */
public final class NotarySignatureManifest {
  /** The artifact type (or, in the legacy form, the config media type). */
  public static final MediaType ARTIFACT_TYPE =
      MediaType.of("application/vnd.cncf.notary.signature");

  /** Annotation: JSON array of SHA-256 certificate fingerprints, leaf first. */
  public static final String THUMBPRINTS_ANNOTATION = "io.cncf.notary.x509chain.thumbprint#S256";

  /** Annotation: the signing time. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  /** The empty config blob {@code {}}, uploaded before the manifest. */
  public static final Bytes EMPTY_CONFIG = Bytes.utf8("{}");

  private static final MediaType JWS = MediaType.of(NotaryHeaders.JWS_MEDIA_TYPE);
  private static final MediaType COSE = MediaType.of(NotaryHeaders.COSE_MEDIA_TYPE);

  private NotarySignatureManifest() {}

  /**
   * Builds the signature manifest for a JWS envelope.
   *
   * @param envelope the exact envelope bytes
   * @param certificates the DER certificates of the envelope's {@code x5c}, leaf first
   * @param signingTime the signing time (truncated to seconds)
   * @param subject the signed manifest's descriptor (only mediaType, digest and size are written)
   * @return the manifest with its exact bytes
   */
  public static ImageManifest build(
      Bytes envelope, List<Bytes> certificates, Instant signingTime, Descriptor subject) {
    requireNonNull(envelope, "envelope");
    requireNonNull(signingTime, "signingTime");
    requireNonNull(subject, "subject");
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a Notary signature needs its certificate chain");
    }
    Descriptor config =
        Descriptor.ofContent(MediaType.OCI_EMPTY, EMPTY_CONFIG).toBuilder()
            .data(EMPTY_CONFIG)
            .build();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(THUMBPRINTS_ANNOTATION, thumbprintsJson(certificates));
    annotations.put(CREATED_ANNOTATION, Rfc3339.formatSeconds(signingTime));
    return ManifestWriter.write(
        ManifestWriter.KeyOrder.IMAGE_SPEC,
        config,
        List.of(Descriptor.ofContent(JWS, envelope)),
        Optional.of(ARTIFACT_TYPE),
        Optional.of(Descriptor.of(subject.mediaType(), subject.digest(), subject.size())),
        annotations);
  }

  /** {@return the thumbprint annotation value: a compact JSON array of lower-case hex SHA-256} */
  public static String thumbprintsJson(List<Bytes> certificates) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    certificates.forEach(c -> a.add(Digest.of(c).hex()));
    return Json.write(a).asUtf8();
  }

  /**
   * Whether a manifest is a Notary signature, in the OCI 1.1 form (artifactType, empty config) or
   * the legacy form (no artifactType, config media type = the Notary type). A mixture (artifactType
   * Notary with another config type) is not one, as notation skips it.
   *
   * @param manifest a referrer manifest
   * @return whether to treat it as a Notary signature
   */
  public static boolean isNotarySignature(ImageManifest manifest) {
    Optional<MediaType> at = manifest.artifactType();
    MediaType configType = manifest.config().mediaType();
    if (at.isPresent()) {
      return at.get().equals(ARTIFACT_TYPE) && configType.equals(MediaType.OCI_EMPTY);
    }
    return configType.equals(ARTIFACT_TYPE);
  }

  /**
   * The envelope layer: exactly one layer, JWS or COSE.
   *
   * @param manifest a Notary signature manifest
   * @return the layer descriptor
   * @throws InvalidInputException if there is not exactly one envelope layer
   */
  public static Descriptor envelopeLayer(ImageManifest manifest) throws InvalidInputException {
    List<Descriptor> layers = manifest.layers();
    if (layers.size() != 1) {
      throw new InvalidInputException(
          "read Notary signature manifest "
              + manifest.digest()
              + ": layers: expected exactly one"
              + " envelope (got "
              + layers.size()
              + ")");
    }
    MediaType type = layers.get(0).mediaType();
    if (!type.equals(JWS) && !type.equals(COSE)) {
      throw new InvalidInputException(
          "read Notary signature manifest "
              + manifest.digest()
              + ": layers[0].mediaType:"
              + " expected "
              + JWS
              + " or "
              + COSE
              + " (got "
              + type
              + ")");
    }
    return layers.get(0);
  }

  /**
   * Reads the thumbprint annotation.
   *
   * @param manifest a Notary signature manifest
   * @return the fingerprints, lower-cased (notation writes lower case, the spec shows upper)
   * @throws InvalidInputException if the annotation is missing or not a JSON array of strings
   */
  public static List<String> thumbprints(ImageManifest manifest) throws InvalidInputException {
    String value = manifest.annotations().get(THUMBPRINTS_ANNOTATION);
    String what = "annotation " + THUMBPRINTS_ANNOTATION;
    if (value == null) {
      throw new InvalidInputException(
          "read Notary signature manifest "
              + manifest.digest()
              + ": "
              + what
              + ": missing (it is required)");
    }
    List<String> out = new ArrayList<>();
    for (JsonView v : JsonView.parse(Bytes.utf8(value), what).nonEmptyArray()) {
      out.add(v.nonEmptyString().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
