package dev.custody.core.internal.formats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Serialises the small OCI image manifests the signature formats write, byte for byte in the key
 * order of the tool whose output Custody reproduces (FORMATS.md §1.5). The image-spec order is
 * {@link ManifestCodec}'s; this class adds go-containerregistry's, which cosign's signature images
 * and bundle referrers use and {@code ManifestCodec} does not write. Both go through {@link
 * ManifestCodec#parse}, so what is written is what a reader sees.
 */
public final class ManifestWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The key orders seen in the wild; readers never depend on them. */
  public enum KeyOrder {
    /**
     * go-containerregistry (cosign): manifest {@code schemaVersion, mediaType, config, layers,
     * annotations, subject, artifactType}; descriptor {@code mediaType, size, digest, data, urls,
     * annotations, platform, artifactType}.
     */
    GO_CONTAINERREGISTRY,
    /**
     * image-spec Go structs (oras-go, notation), as {@link ManifestCodec} writes: manifest {@code
     * schemaVersion, mediaType, artifactType, config, layers, subject, annotations}; descriptor
     * {@code mediaType, digest, size, urls, annotations, data, platform, artifactType}.
     */
    IMAGE_SPEC
  }

  private ManifestWriter() {}

  /**
   * Writes an OCI image manifest compactly (no HTML escaping, annotations sorted by key as Go sorts
   * maps).
   *
   * @param order whose key order to follow
   * @param config the config descriptor
   * @param layers the layer descriptors, in order
   * @param artifactType the manifest's artifact type, if any
   * @param subject the subject descriptor, if any
   * @param annotations the manifest annotations; omitted when empty
   * @return the manifest, carrying the exact bytes written
   */
  public static ImageManifest write(
      KeyOrder order,
      Descriptor config,
      List<Descriptor> layers,
      Optional<MediaType> artifactType,
      Optional<Descriptor> subject,
      Map<String, String> annotations) {
    requireNonNull(order, "order");
    if (order == KeyOrder.IMAGE_SPEC) {
      return ManifestCodec.writeImageManifest(config, layers, subject, artifactType, annotations);
    }
    ObjectNode m = NODES.objectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaType.OCI_MANIFEST.value());
    m.set("config", ggcrDescriptor(config));
    ArrayNode ls = m.putArray("layers");
    layers.forEach(l -> ls.add(ggcrDescriptor(l)));
    putAnnotations(m, annotations);
    subject.ifPresent(s -> m.set("subject", ggcrDescriptor(s)));
    artifactType.ifPresent(t -> m.put("artifactType", t.value()));
    Bytes raw = Json.write(m);
    try {
      return (ImageManifest) ManifestCodec.parse(raw, Optional.of(MediaType.OCI_MANIFEST));
    } catch (InvalidInputException e) {
      throw new IllegalStateException("wrote an unreadable manifest: " + e.getMessage(), e);
    }
  }

  /** {@return one descriptor as a JSON object in go-containerregistry's key order} */
  public static ObjectNode ggcrDescriptor(Descriptor d) {
    ObjectNode o = NODES.objectNode();
    o.put("mediaType", d.mediaType().value());
    o.put("size", d.size());
    o.put("digest", d.digest().toString());
    d.data().ifPresent(data -> o.put("data", Base64s.standard(data)));
    if (!d.urls().isEmpty()) {
      ArrayNode a = o.putArray("urls");
      d.urls().forEach(a::add);
    }
    putAnnotations(o, d.annotations());
    d.platform().ifPresent(p -> o.set("platform", platform(p)));
    d.artifactType().ifPresent(t -> o.put("artifactType", t.value()));
    return o;
  }

  private static void putAnnotations(ObjectNode o, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      new TreeMap<>(annotations).forEach(a::put);
    }
  }

  private static ObjectNode platform(Platform p) {
    ObjectNode o = NODES.objectNode();
    o.put("architecture", p.architecture());
    o.put("os", p.os());
    if (!p.osVersion().isEmpty()) {
      o.put("os.version", p.osVersion());
    }
    if (!p.osFeatures().isEmpty()) {
      ArrayNode a = o.putArray("os.features");
      p.osFeatures().forEach(a::add);
    }
    if (!p.variant().isEmpty()) {
      o.put("variant", p.variant());
    }
    return o;
  }
}
