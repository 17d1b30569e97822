package dev.custody.core.internal.oci;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manifests as exact bytes: parses OCI image manifests and indexes and Docker schema 2 manifests
 * and manifest lists into the API types, keeping the raw bytes; and writes new OCI manifests,
 * indexes and descriptors as deterministic compact JSON.
 *
 * <p>The kind of a manifest is decided by the HTTP {@code Content-Type} when it names a manifest
 * type, then by the {@code mediaType} field, then by shape ({@code config} or {@code manifests};
 * FORMATS.md §1.5). A {@code mediaType} field that contradicts the {@code Content-Type} is refused,
 * so one byte string cannot be read as two kinds. Docker schema 1 is refused. Unknown fields are
 * ignored (image-spec considerations.md); missing or mistyped required fields are refused naming
 * the field. Thread-safe; stateless.
 */
public final class ManifestCodec {
  /** The withdrawn OCI 1.1 release-candidate artifact manifest; Custody does not read it. */
  static final MediaType OCI_ARTIFACT_MANIFEST =
      MediaType.of("application/vnd.oci.artifact.manifest.v1+json");

  private static final String SCHEMA1_PROBLEM =
      "Docker schema 1 manifests are deprecated and unsupported; re-push the image with a current"
          + " client to convert it to Docker schema 2 or OCI";

  private ManifestCodec() {}

  /**
   * Parses a manifest of at most {@link ArtifactStore#MAX_MANIFEST_BYTES}.
   *
   * @param raw the exact bytes as stored or served
   * @param contentType the HTTP {@code Content-Type} (without parameters), when there is one
   * @return the manifest, holding {@code raw}
   * @throws InvalidInputException if too large, not JSON, Docker schema 1, or not a manifest
   *     shape Custody reads; the message names the offending field
   */
  public static Manifest parse(Bytes raw, Optional<MediaType> contentType)
      throws InvalidInputException {
    return parse(raw, contentType, ArtifactStore.MAX_MANIFEST_BYTES);
  }

  /**
   * Parses a manifest under a custom size bound (for example a layout's {@code index.json}).
   *
   * @param raw the exact bytes
   * @param contentType the HTTP {@code Content-Type}, when there is one
   * @param maxBytes the largest size accepted
   * @return the manifest, holding {@code raw}
   * @throws InvalidInputException as {@link #parse(Bytes, Optional)}
   */
  public static Manifest parse(Bytes raw, Optional<MediaType> contentType, int maxBytes)
      throws InvalidInputException {
    requireNonNull(raw, "raw");
    requireNonNull(contentType, "contentType");
    if (raw.size() > maxBytes) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "parse manifest: too large (expected at most " + maxBytes + " bytes, got " + raw.size() + ")");
    }
    String what = "manifest " + Digest.of(raw);
    if (contentType.filter(ManifestCodec::isSchema1).isPresent()) {
      throw schema1(what, "Content-Type " + contentType.get());
    }
    JsonNode root = Json.read(raw, what);
    if (!root.isObject()) {
      throw new InvalidInputException("parse " + what + ": not a JSON object");
    }
    JsonFields fields = new JsonFields(what);
    Optional<MediaType> declared = fields.optionalMediaType(root, "", "mediaType");
    if (declared.filter(ManifestCodec::isSchema1).isPresent()) {
      throw schema1(what, "mediaType " + declared.get());
    }
    checkSchemaVersion(fields, root);
    MediaType kind = kind(fields, root, contentType, declared);
    return kind.isImageManifest()
        ? parseImageManifest(fields, root, kind, raw)
        : parseIndex(fields, root, kind, raw);
  }

  private static boolean isSchema1(MediaType type) {
    return type.equals(MediaType.DOCKER_SCHEMA1) || type.equals(MediaType.DOCKER_SCHEMA1_SIGNED);
  }

  private static InvalidInputException schema1(String what, String evidence) {
    return new InvalidInputException(
        Reason.UNSUPPORTED, "parse " + what + ": " + SCHEMA1_PROBLEM + " (got " + evidence + ")");
  }

  private static void checkSchemaVersion(JsonFields fields, JsonNode root)
      throws InvalidInputException {
    JsonNode version = fields.required(root, "", "schemaVersion");
    if (version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == 1) {
      throw schema1(fields.what(), "schemaVersion 1");
    }
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) {
      throw fields.invalid("schemaVersion", "must be 2 (got " + JsonFields.show(version) + ")");
    }
  }

  private static MediaType kind(
      JsonFields fields, JsonNode root, Optional<MediaType> contentType, Optional<MediaType> declared)
      throws InvalidInputException {
    if (contentType.filter(MediaType::isManifest).isPresent()) {
      if (declared.isPresent() && !declared.get().equals(contentType.get())) {
        throw fields.invalid(
            "mediaType",
            "contradicts the Content-Type (expected " + contentType.get() + ", got " + declared.get() + ")");
      }
      return contentType.get();
    }
    if (declared.isPresent()) {
      if (declared.get().isManifest()) {
        return declared.get();
      }
      Reason reason =
          declared.get().equals(OCI_ARTIFACT_MANIFEST) ? Reason.UNSUPPORTED : Reason.INVALID_INPUT;
      throw new InvalidInputException(
          reason,
          "parse " + fields.what() + ": field mediaType is not a manifest type Custody reads (got "
              + declared.get() + ")");
    }
    boolean hasConfig = fields.optional(root, "config").isPresent();
    boolean hasManifests = fields.optional(root, "manifests").isPresent();
    if (hasConfig != hasManifests) {
      return hasConfig ? MediaType.OCI_MANIFEST : MediaType.OCI_INDEX;
    }
    throw new InvalidInputException(
        "parse " + fields.what() + ": cannot tell the manifest kind: without a mediaType field it"
            + " needs exactly one of the fields config (image manifest) and manifests (index)");
  }

  private static ImageManifest parseImageManifest(
      JsonFields fields, JsonNode root, MediaType kind, Bytes raw) throws InvalidInputException {
    Descriptor config = DescriptorJson.parse(fields, fields.required(root, "", "config"), "config");
    ImageManifest.Builder b = ImageManifest.builder(kind, config);
    b.layers(descriptors(fields, fields.required(root, "", "layers"), "layers"));
    common(fields, root, b::subject, b::artifactType, b::annotations);
    return b.build(raw);
  }

  private static ImageIndex parseIndex(JsonFields fields, JsonNode root, MediaType kind, Bytes raw)
      throws InvalidInputException {
    ImageIndex.Builder b = ImageIndex.builder(kind);
    b.manifests(descriptors(fields, fields.required(root, "", "manifests"), "manifests"));
    common(fields, root, b::subject, b::artifactType, b::annotations);
    return b.build(raw);
  }

  private static void common(
      JsonFields fields,
      JsonNode root,
      java.util.function.Consumer<Descriptor> subject,
      java.util.function.Consumer<MediaType> artifactType,
      java.util.function.Consumer<Map<String, String>> annotations)
      throws InvalidInputException {
    Optional<JsonNode> subjectNode = fields.optional(root, "subject");
    if (subjectNode.isPresent()) {
      subject.accept(DescriptorJson.parse(fields, subjectNode.get(), "subject"));
    }
    fields.optionalMediaType(root, "", "artifactType").ifPresent(artifactType);
    annotations.accept(fields.optionalStringMap(root, "", "annotations"));
  }

  private static List<Descriptor> descriptors(JsonFields fields, JsonNode node, String path)
      throws InvalidInputException {
    if (!node.isArray()) {
      throw fields.invalid(path, "must be an array of descriptors (got " + JsonFields.show(node) + ")");
    }
    List<Descriptor> result = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      result.add(DescriptorJson.parse(fields, node.get(i), path + "[" + i + "]"));
    }
    return result;
  }

  /**
   * Reads one descriptor from an already parsed JSON node (e.g. an entry of a layout's
   * {@code index.json}).
   *
   * @param node the descriptor object
   * @param what the document it came from, for messages
   * @param path the field path within the document, for messages
   * @return the descriptor
   * @throws InvalidInputException naming the bad field
   */
  public static Descriptor parseDescriptor(JsonNode node, String what, String path)
      throws InvalidInputException {
    return DescriptorJson.parse(new JsonFields(what), requireNonNull(node, "node"), path);
  }

  /**
   * Parses a standalone descriptor document ({@code application/vnd.oci.descriptor.v1+json}).
   *
   * @param raw the exact bytes, at most {@link ArtifactStore#MAX_MANIFEST_BYTES}
   * @return the descriptor
   * @throws InvalidInputException if too large, not JSON or not a descriptor
   */
  public static Descriptor parseDescriptor(Bytes raw) throws InvalidInputException {
    if (raw.size() > ArtifactStore.MAX_MANIFEST_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED, "parse descriptor: too large (" + raw.size() + " bytes)");
    }
    return parseDescriptor(Json.read(raw, "descriptor"), "descriptor", "(root)");
  }

  /** {@return the descriptor as a JSON object in the image-spec field order} */
  public static ObjectNode descriptorJson(Descriptor descriptor) {
    return DescriptorJson.write(requireNonNull(descriptor, "descriptor"));
  }

  /** {@return the descriptor as compact JSON bytes} */
  public static Bytes writeDescriptor(Descriptor descriptor) {
    return Json.write(descriptorJson(descriptor));
  }

  /** {@return a new OCI image manifest with just a config and layers} */
  public static ImageManifest writeImageManifest(Descriptor config, List<Descriptor> layers) {
    return writeImageManifest(config, layers, Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * Writes a new OCI image manifest as compact JSON in the image-spec field order
   * ({@code schemaVersion, mediaType, artifactType, config, layers, subject, annotations}).
   *
   * @param config the config descriptor
   * @param layers the layer descriptors
   * @param subject the manifest this one refers to, for a referrer
   * @param artifactType the artifact type; required when the config is the empty descriptor
   * @param annotations the manifest annotations (written sorted by key)
   * @return the manifest, holding the written bytes
   * @throws IllegalArgumentException if the config is the empty type and there is no artifact type
   */
  public static ImageManifest writeImageManifest(
      Descriptor config,
      List<Descriptor> layers,
      Optional<Descriptor> subject,
      Optional<MediaType> artifactType,
      Map<String, String> annotations) {
    requireNonNull(config, "config");
    if (config.mediaType().equals(MediaType.OCI_EMPTY) && artifactType.isEmpty()) {
      // image-spec manifest.md: artifactType MUST be set when config is the empty descriptor.
      throw new IllegalArgumentException("an artifact with an empty config needs an artifactType");
    }
    ObjectNode node = header(MediaType.OCI_MANIFEST, artifactType);
    node.set("config", descriptorJson(config));
    node.set("layers", descriptorArray(layers));
    subject.ifPresent(s -> node.set("subject", descriptorJson(s)));
    DescriptorJson.putAnnotations(node, annotations);
    return (ImageManifest) reparse(Json.write(node), MediaType.OCI_MANIFEST);
  }

  /** {@return a new OCI image index listing {@code manifests}} */
  public static ImageIndex writeIndex(List<Descriptor> manifests) {
    return writeIndex(manifests, Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * Writes a new OCI image index as compact JSON
   * ({@code schemaVersion, mediaType, artifactType, manifests, subject, annotations}).
   *
   * @param manifests the manifest descriptors, in order
   * @param subject the manifest this index refers to, if any
   * @param artifactType the artifact type, if any
   * @param annotations the index annotations (written sorted by key)
   * @return the index, holding the written bytes
   */
  public static ImageIndex writeIndex(
      List<Descriptor> manifests,
      Optional<Descriptor> subject,
      Optional<MediaType> artifactType,
      Map<String, String> annotations) {
    ObjectNode node = header(MediaType.OCI_INDEX, artifactType);
    node.set("manifests", descriptorArray(manifests));
    subject.ifPresent(s -> node.set("subject", descriptorJson(s)));
    DescriptorJson.putAnnotations(node, annotations);
    return (ImageIndex) reparse(Json.write(node), MediaType.OCI_INDEX);
  }

  private static ObjectNode header(MediaType mediaType, Optional<MediaType> artifactType) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("schemaVersion", 2);
    node.put("mediaType", mediaType.value());
    artifactType.ifPresent(t -> node.put("artifactType", t.value()));
    return node;
  }

  private static ArrayNode descriptorArray(List<Descriptor> descriptors) {
    ArrayNode array = Json.mapper().createArrayNode();
    descriptors.forEach(d -> array.add(descriptorJson(d)));
    return array;
  }

  /** Our own output goes through the same parser, so a written manifest is one we can read. */
  private static Manifest reparse(Bytes raw, MediaType kind) {
    try {
      return parse(raw, Optional.of(kind), Integer.MAX_VALUE);
    } catch (InvalidInputException e) {
      throw new IllegalStateException("wrote an unreadable " + kind + ": " + e.getMessage(), e);
    }
  }
}
