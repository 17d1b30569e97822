package dev.custody.core.internal.notary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.notary.trust.Truncate;
import dev.custody.oci.Digest;
import java.util.Optional;

/**
 * Recognises a Notary Project signature manifest and finds its envelope layer (FORMATS.md §5.1).
 * Both forms are accepted: OCI 1.1 ({@code artifactType} notary signature, empty config) and the
 * OCI 1.0 form notation's fixtures use (no {@code artifactType}, config media type notary
 * signature). A mixture ({@code artifactType} notary with another config type) is not a
 * signature, as notation skips it.
 */
public final class NotarySignatureManifests {
  /** The artifact type of a Notary Project signature. */
  public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  private NotarySignatureManifests() {}

  /**
   * The envelope layer of a signature manifest.
   *
   * @param mediaType the layer's media type (not necessarily an envelope type)
   * @param digest the layer's digest
   * @param size the layer's size
   */
  public record EnvelopeLayer(String mediaType, Digest digest, long size) {}

  /**
   * Looks at one manifest.
   *
   * @param manifest the exact manifest bytes
   * @param what names the manifest in messages
   * @param subject the artifact whose signatures are wanted
   * @return empty if this is not a Notary signature of {@code subject}; else its envelope layer
   * @throws InvalidInputException if it is a Notary signature of {@code subject} but malformed
   *     (not exactly one layer, bad layer descriptor); the caller reports that signature as
   *     failing integrity
   */
  public static Optional<EnvelopeLayer> envelopeLayer(Bytes manifest, String what, Digest subject)
      throws InvalidInputException {
    JsonNode root = Json.read(manifest, what);
    if (!root.isObject()) {
      return Optional.empty();
    }
    JsonNode mt = root.get("mediaType");
    if (mt != null && !OCI_MANIFEST.equals(mt.asText())) {
      return Optional.empty();
    }
    String configType = root.path("config").path("mediaType").asText("");
    JsonNode artifactType = root.get("artifactType");
    boolean notary;
    if (artifactType != null) {
      notary = ARTIFACT_TYPE.equals(artifactType.asText()) && OCI_EMPTY.equals(configType);
    } else {
      notary = ARTIFACT_TYPE.equals(configType);
    }
    String subjectDigest = root.path("subject").path("digest").asText("");
    if (!notary || !subject.toString().equals(subjectDigest)) {
      return Optional.empty();
    }
    JsonNode layers = root.get("layers");
    if (layers == null || !layers.isArray() || layers.size() != 1) {
      throw new InvalidInputException(
          "read " + what + ": a Notary signature manifest must have exactly one layer (got "
              + (layers != null && layers.isArray() ? layers.size() : 0) + ")");
    }
    JsonNode layer = layers.get(0);
    Optional<Digest> digest = Digest.tryParse(layer.path("digest").asText(""));
    JsonNode size = layer.get("size");
    if (digest.isEmpty() || size == null || !size.isIntegralNumber() || size.asLong() < 0
        || !layer.path("mediaType").isTextual()) {
      throw new InvalidInputException(
          "read " + what + ": the envelope layer descriptor is malformed ("
              + Truncate.of(layer.toString()) + ")");
    }
    return Optional.of(
        new EnvelopeLayer(layer.get("mediaType").textValue(), digest.get(), size.asLong()));
  }
}
