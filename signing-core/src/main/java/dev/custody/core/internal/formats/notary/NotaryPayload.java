package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Notary payload {@code {"targetArtifact": descriptor}} (FORMATS.md §5.2). Built as notation
 * does: only mediaType, digest, size and annotations, keys sorted (a Go map); parsed strictly from
 * the verified payload bytes.
 */
public final class NotaryPayload {
  private static final String WHAT = "Notary payload";
  private static final String RESERVED_PREFIX = "io.cncf.notary";

  private NotaryPayload() {}

  /**
   * Builds the payload for a target.
   *
   * @param target the signed manifest's descriptor; artifactType, platform, urls and data are
   *     dropped as notation drops them
   * @return the exact payload bytes
   * @throws IllegalArgumentException if an annotation key uses the reserved {@code io.cncf.notary}
   *     prefix
   */
  public static Bytes build(Descriptor target) {
    requireNonNull(target, "target");
    for (String key : target.annotations().keySet()) {
      if (key.startsWith(RESERVED_PREFIX)) {
        throw new IllegalArgumentException(
            "annotation key " + key + " uses the reserved prefix " + RESERVED_PREFIX);
      }
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode t = root.putObject("targetArtifact");
    if (!target.annotations().isEmpty()) {
      ObjectNode a = t.putObject("annotations");
      new TreeMap<>(target.annotations()).forEach(a::put);
    }
    t.put("digest", target.digest().toString());
    t.put("mediaType", target.mediaType().value());
    t.put("size", target.size());
    return Json.write(root);
  }

  /**
   * Parses a verified payload.
   *
   * @param content the payload bytes
   * @return the target artifact descriptor
   * @throws InvalidInputException naming the missing or invalid field
   */
  public static Descriptor parse(Bytes content) throws InvalidInputException {
    JsonView target = JsonView.parse(content, WHAT).object().field("targetArtifact").object();
    JsonView mt = target.field("mediaType");
    String mediaType = mt.string();
    JsonView dg = target.field("digest");
    String digestText = dg.string();
    Digest digest =
        Digest.tryParse(digestText)
            .orElseThrow(
                () -> dg.error("not a digest (got \"" + JsonView.shorten(digestText) + "\")"));
    JsonView sz = target.field("size");
    long size = sz.integer();
    if (size < 0) {
      throw sz.error("must not be negative");
    }
    Descriptor.Builder b;
    try {
      b = Descriptor.builder(MediaType.of(mediaType), digest, size);
    } catch (IllegalArgumentException e) {
      throw mt.error("not a media type (got \"" + JsonView.shorten(mediaType) + "\")");
    }
    Optional<JsonView> annotations = target.optionalField("annotations");
    if (annotations.isPresent()) {
      Map<String, String> values = annotations.get().stringMap();
      b.annotations(values);
    }
    Optional<JsonView> at = target.optionalField("artifactType");
    if (at.isPresent()) {
      String text = at.get().string();
      try {
        b.artifactType(MediaType.of(text));
      } catch (IllegalArgumentException e) {
        throw at.get().error("not a media type (got \"" + JsonView.shorten(text) + "\")");
      }
    }
    return b.build();
  }
}
