package dev.custody.core.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stand-in for {@code dev.custody.core.internal.oci.ManifestCodec} (being written elsewhere) with
 * the same {@code parse} signature; replaced by it once it lands. Parses exact manifest bytes.
 */
public final class InterimManifestCodec {
  private InterimManifestCodec() {}

  public static Manifest parse(Bytes raw, Optional<MediaType> contentType) throws InvalidInputException {
    JsonNode root = Json.read(raw, "manifest");
    if (!root.isObject()) {
      throw new InvalidInputException("read manifest: expected a JSON object");
    }
    if (root.path("schemaVersion").asInt(-1) != 2) {
      throw new InvalidInputException("read manifest: unsupported schemaVersion (expected 2)");
    }
    Optional<MediaType> declared = optionalType(root, "mediaType");
    if (declared.isPresent() && contentType.isPresent() && !declared.equals(contentType)) {
      throw new InvalidInputException(
          "read manifest: mediaType " + declared.get() + " differs from Content-Type "
              + contentType.get());
    }
    MediaType type =
        declared.or(() -> contentType)
            .orElse(root.has("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST);
    if (type.isIndex()) {
      ImageIndex.Builder b = ImageIndex.builder(type).manifests(descriptors(root.path("manifests")));
      common(root, b::subject, b::artifactType, b::annotations);
      return b.build(raw);
    }
    if (type.isImageManifest()) {
      ImageManifest.Builder b =
          ImageManifest.builder(type, descriptor(root.path("config"))).layers(descriptors(root.path("layers")));
      common(root, b::subject, b::artifactType, b::annotations);
      return b.build(raw);
    }
    throw new InvalidInputException("read manifest: unsupported media type " + type);
  }

  private interface Setter<T> {
    void set(T value);
  }

  private static void common(
      JsonNode root,
      Setter<Descriptor> subject,
      Setter<MediaType> artifactType,
      Setter<Map<String, String>> annotations)
      throws InvalidInputException {
    if (root.hasNonNull("subject")) {
      subject.set(descriptor(root.get("subject")));
    }
    Optional<MediaType> at = optionalType(root, "artifactType");
    if (at.isPresent()) {
      artifactType.set(at.get());
    }
    annotations.set(stringMap(root.path("annotations")));
  }

  private static List<Descriptor> descriptors(JsonNode array) throws InvalidInputException {
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new InvalidInputException("read manifest: expected an array of descriptors");
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode node : array) {
      out.add(descriptor(node));
    }
    return out;
  }

  static Descriptor descriptor(JsonNode node) throws InvalidInputException {
    if (!node.isObject()) {
      throw new InvalidInputException("read manifest: expected a descriptor object");
    }
    try {
      MediaType mediaType = MediaType.of(text(node, "mediaType"));
      Digest digest = Digest.parse(text(node, "digest"));
      JsonNode size = node.path("size");
      if (!size.isIntegralNumber() || size.asLong() < 0 || !size.canConvertToLong()) {
        throw new InvalidInputException("read manifest: descriptor size must be a non-negative integer");
      }
      Descriptor.Builder b = Descriptor.builder(mediaType, digest, size.asLong());
      Optional<MediaType> at = optionalType(node, "artifactType");
      at.ifPresent(b::artifactType);
      b.annotations(stringMap(node.path("annotations")));
      if (node.hasNonNull("platform")) {
        JsonNode p = node.get("platform");
        List<String> features = new ArrayList<>();
        p.path("os.features").forEach(f -> features.add(f.asText()));
        b.platform(
            new Platform(
                p.path("os").asText(""),
                p.path("architecture").asText(""),
                p.path("variant").asText(""),
                p.path("os.version").asText(""),
                features));
      }
      if (node.hasNonNull("urls")) {
        List<String> urls = new ArrayList<>();
        node.get("urls").forEach(u -> urls.add(u.asText()));
        b.urls(urls);
      }
      if (node.hasNonNull("data")) {
        b.data(Bytes.of(Base64.getDecoder().decode(node.get("data").asText())));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("read manifest: invalid descriptor: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) throws InvalidInputException {
    JsonNode v = node.path(field);
    if (!v.isTextual()) {
      throw new InvalidInputException("read manifest: descriptor field " + field + " missing");
    }
    return v.asText();
  }

  private static Optional<MediaType> optionalType(JsonNode node, String field)
      throws InvalidInputException {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MediaType.of(v.asText()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("read manifest: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> stringMap(JsonNode node) throws InvalidInputException {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidInputException("read manifest: annotations must be an object");
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException("read manifest: annotation values must be strings");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
