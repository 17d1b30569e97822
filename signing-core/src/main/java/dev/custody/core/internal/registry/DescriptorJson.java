package dev.custody.core.internal.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.MediaType;
import java.util.Base64;
import java.util.List;

/**
 * Writes descriptors and image indexes as image-spec JSON, fields in spec order. Used for
 * indexes Custody creates (the referrers tag schema); indexes read from elsewhere keep their
 * exact bytes and are never re-serialised.
 */
public final class DescriptorJson {
  private DescriptorJson() {}

  /** {@return the JSON object for {@code d}} */
  public static ObjectNode toNode(Descriptor d) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("mediaType", d.mediaType().value());
    node.put("digest", d.digest().toString());
    node.put("size", d.size());
    d.urls().forEach(u -> node.withArray("urls").add(u));
    if (!d.annotations().isEmpty()) {
      ObjectNode annotations = node.putObject("annotations");
      d.annotations().forEach(annotations::put);
    }
    d.data().ifPresent(data -> node.put("data", Base64.getEncoder().encodeToString(data.toByteArray())));
    d.platform()
        .ifPresent(
            p -> {
              ObjectNode platform = node.putObject("platform");
              platform.put("architecture", p.architecture());
              platform.put("os", p.os());
              if (!p.osVersion().isEmpty()) {
                platform.put("os.version", p.osVersion());
              }
              if (!p.osFeatures().isEmpty()) {
                ArrayNode features = platform.putArray("os.features");
                p.osFeatures().forEach(features::add);
              }
              if (!p.variant().isEmpty()) {
                platform.put("variant", p.variant());
              }
            });
    d.artifactType().ifPresent(t -> node.put("artifactType", t.value()));
    return node;
  }

  /** {@return the bytes of an OCI image index listing {@code manifests}} */
  public static Bytes index(List<Descriptor> manifests) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaType.OCI_INDEX.value());
    ArrayNode list = root.putArray("manifests");
    manifests.forEach(d -> list.add(toNode(d)));
    return Json.write(root);
  }
}
