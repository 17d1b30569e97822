package dev.custody.core.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Descriptors and platforms as JSON (image-spec descriptor.md, image-index.md). Reading accepts
 * any field order and ignores unknown fields; writing uses the image-spec Go struct order
 * ({@code mediaType, digest, size, urls, annotations, data, platform, artifactType}), omits empty
 * optional fields, and sorts annotation keys, so the same descriptor always yields the same bytes.
 */
final class DescriptorJson {
  private DescriptorJson() {}

  static Descriptor parse(JsonFields fields, JsonNode node, String path)
      throws InvalidInputException {
    fields.object(node, path);
    MediaType mediaType = fields.mediaType(fields.required(node, path, "mediaType"), JsonFields.join(path, "mediaType"));
    Digest digest = fields.digest(fields.required(node, path, "digest"), JsonFields.join(path, "digest"));
    long size = fields.nonNegativeLong(fields.required(node, path, "size"), JsonFields.join(path, "size"));
    Descriptor.Builder b = Descriptor.builder(mediaType, digest, size);
    Optional<JsonNode> urls = fields.optional(node, "urls");
    if (urls.isPresent()) {
      b.urls(fields.stringList(urls.get(), JsonFields.join(path, "urls")));
    }
    b.annotations(fields.optionalStringMap(node, path, "annotations"));
    Optional<String> data = fields.optionalText(node, path, "data");
    if (data.isPresent()) {
      b.data(base64(fields, data.get(), JsonFields.join(path, "data")));
    }
    fields.optionalMediaType(node, path, "artifactType").ifPresent(b::artifactType);
    Optional<JsonNode> platform = fields.optional(node, "platform");
    if (platform.isPresent()) {
      b.platform(parsePlatform(fields, platform.get(), JsonFields.join(path, "platform")));
    }
    return b.build();
  }

  private static Bytes base64(JsonFields fields, String text, String path)
      throws InvalidInputException {
    try {
      // Standard alphabet (FORMATS.md §0.4); the JDK decoder accepts missing padding.
      return Bytes.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw fields.invalid(path, "is not standard base64");
    }
  }

  static Platform parsePlatform(JsonFields fields, JsonNode node, String path)
      throws InvalidInputException {
    fields.object(node, path);
    String architecture = fields.requiredText(node, path, "architecture");
    String os = fields.requiredText(node, path, "os");
    if (architecture.isEmpty() || os.isEmpty()) {
      throw fields.invalid(path, "needs a non-empty os and architecture");
    }
    String osVersion = fields.optionalText(node, path, "os.version").orElse("");
    Optional<JsonNode> features = fields.optional(node, "os.features");
    List<String> osFeatures =
        features.isEmpty() ? List.of() : fields.stringList(features.get(), JsonFields.join(path, "os.features"));
    String variant = fields.optionalText(node, path, "variant").orElse("");
    return new Platform(os, architecture, variant, osVersion, osFeatures);
  }

  static ObjectNode write(Descriptor descriptor) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("mediaType", descriptor.mediaType().value());
    node.put("digest", descriptor.digest().toString());
    node.put("size", descriptor.size());
    if (!descriptor.urls().isEmpty()) {
      ArrayNode urls = node.putArray("urls");
      descriptor.urls().forEach(urls::add);
    }
    putAnnotations(node, descriptor.annotations());
    descriptor.data().ifPresent(d -> node.put("data", Base64.getEncoder().encodeToString(d.toByteArray())));
    descriptor.platform().ifPresent(p -> node.set("platform", writePlatform(p)));
    descriptor.artifactType().ifPresent(t -> node.put("artifactType", t.value()));
    return node;
  }

  static ObjectNode writePlatform(Platform platform) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("architecture", platform.architecture());
    node.put("os", platform.os());
    if (!platform.osVersion().isEmpty()) {
      node.put("os.version", platform.osVersion());
    }
    if (!platform.osFeatures().isEmpty()) {
      ArrayNode features = node.putArray("os.features");
      platform.osFeatures().forEach(features::add);
    }
    if (!platform.variant().isEmpty()) {
      node.put("variant", platform.variant());
    }
    return node;
  }

  static void putAnnotations(ObjectNode node, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      ObjectNode map = node.putObject("annotations");
      new TreeMap<>(annotations).forEach(map::put);
    }
  }
}
