package dev.custody.core.internal.formats.cosign;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.json.Json;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cosign "simple signing" payload (FORMATS.md §3.3): what a legacy signature signs. Built
 * exactly as cosign writes it ({@code critical{identity, image, type}, optional}, compact, optional
 * {@code null} or a key-sorted map); parsed strictly from the exact layer bytes, with the key sets
 * containers/image enforces. Parsing never re-serialises the bytes. Immutable.
 */
public final class SimpleSigningPayload {
  /** The only {@code critical.type} cosign and containers/image accept. */
  public static final String TYPE = "cosign container image signature";

  /** The layer media type of a signature in a {@code .sig} image. */
  public static final MediaType MEDIA_TYPE =
      MediaType.of("application/vnd.dev.cosign.simplesigning.v1+json");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "simple signing payload";

  private final String dockerReference;
  private final Digest digest;
  private final String type;
  private final Optional<Map<String, JsonNode>> optional;

  private SimpleSigningPayload(
      String dockerReference,
      Digest digest,
      String type,
      Optional<Map<String, JsonNode>> optional) {
    this.dockerReference = dockerReference;
    this.digest = digest;
    this.type = type;
    this.optional = optional.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
  }

  /**
   * Builds the payload bytes for a manifest digest, with {@code -a key=value} annotations as string
   * values ({@code "optional":null} when there are none, as cosign writes).
   *
   * @param dockerReference the identity, normally the repository without tag
   * @param digest the digest of the signed manifest
   * @param annotations the annotations; possibly empty
   * @return the exact bytes to sign and upload as the layer
   */
  public static Bytes build(
      String dockerReference, Digest digest, Map<String, String> annotations) {
    Map<String, JsonNode> values = new TreeMap<>();
    annotations.forEach((k, v) -> values.put(k, TextNode.valueOf(requireNonNull(v, "value"))));
    return buildWithOptional(dockerReference, digest, values);
  }

  /**
   * Builds the payload with arbitrary JSON values in {@code optional}. A {@code timestamp} value
   * must be an integer and a {@code creator} a string, as containers/image requires.
   *
   * @param dockerReference the identity
   * @param digest the digest of the signed manifest
   * @param optional the optional map, written sorted by key; empty means {@code null}
   * @return the exact bytes to sign
   * @throws IllegalArgumentException if {@code timestamp} or {@code creator} has the wrong type
   */
  public static Bytes buildWithOptional(
      String dockerReference, Digest digest, Map<String, JsonNode> optional) {
    requireNonNull(dockerReference, "dockerReference");
    requireNonNull(digest, "digest");
    JsonNode ts = optional.get("timestamp");
    if (ts != null && !ts.isIntegralNumber()) {
      throw new IllegalArgumentException("optional.timestamp must be an integer");
    }
    JsonNode creator = optional.get("creator");
    if (creator != null && !creator.isTextual()) {
      throw new IllegalArgumentException("optional.creator must be a string");
    }
    ObjectNode root = NODES.objectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", digest.toString());
    critical.put("type", TYPE);
    if (optional.isEmpty()) {
      root.putNull("optional");
    } else {
      ObjectNode o = root.putObject("optional");
      new TreeMap<>(optional).forEach((k, v) -> o.set(k, v.deepCopy()));
    }
    return Json.write(root);
  }

  /**
   * Parses a payload strictly.
   *
   * @param content the exact layer bytes
   * @return the payload
   * @throws InvalidInputException naming the field that is missing, unexpected or invalid
   */
  public static SimpleSigningPayload parse(Bytes content) throws InvalidInputException {
    JsonView root = JsonView.parse(content, WHAT).object();
    root.requireOnlyFields(Set.of("critical", "optional"));
    JsonView critical = root.field("critical").object();
    critical.requireOnlyFields(Set.of("identity", "image", "type"));
    JsonView identity = critical.field("identity").object();
    identity.requireOnlyFields(Set.of("docker-reference"));
    String reference = identity.field("docker-reference").string();
    JsonView image = critical.field("image").object();
    image.requireOnlyFields(Set.of("docker-manifest-digest"));
    JsonView digestNode = image.field("docker-manifest-digest");
    String digestText = digestNode.string();
    Digest digest =
        Digest.tryParse(digestText)
            .orElseThrow(
                () ->
                    digestNode.error(
                        "not a digest (got \"" + JsonView.shorten(digestText) + "\")"));
    JsonView typeNode = critical.field("type");
    String type = typeNode.string();
    if (!TYPE.equals(type)) {
      throw typeNode.error(
          "unsupported type (expected \"" + TYPE + "\", got \"" + JsonView.shorten(type) + "\")");
    }
    Optional<Map<String, JsonNode>> optional = Optional.empty();
    Optional<JsonView> o = root.optionalField("optional");
    if (o.isPresent() && !o.get().isNull()) {
      Map<String, JsonView> members = o.get().object().members();
      if (members.containsKey("timestamp")) {
        members.get("timestamp").integer();
      }
      if (members.containsKey("creator")) {
        members.get("creator").string();
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      members.forEach((k, v) -> values.put(k, v.tree()));
      optional = Optional.of(values);
    }
    return new SimpleSigningPayload(reference, digest, type, optional);
  }

  /** {@return {@code critical.identity.docker-reference}} */
  public String dockerReference() {
    return dockerReference;
  }

  /** {@return {@code critical.image.docker-manifest-digest}: the digest that was signed} */
  public Digest digest() {
    return digest;
  }

  /** {@return {@code critical.type}} */
  public String type() {
    return type;
  }

  /** {@return the {@code optional} map (copies of its values); empty when it was {@code null}} */
  public Optional<Map<String, JsonNode>> optional() {
    return optional.map(
        m -> {
          Map<String, JsonNode> copy = new LinkedHashMap<>();
          m.forEach((k, v) -> copy.put(k, v.deepCopy()));
          return copy;
        });
  }

  /** {@return the string-valued entries of {@code optional}, for {@code -a key=value} checks} */
  public Map<String, String> annotations() {
    Map<String, String> out = new TreeMap<>();
    optional.ifPresent(
        m ->
            m.forEach(
                (k, v) -> {
                  if (v.isTextual()) {
                    out.put(k, v.textValue());
                  }
                }));
    return out;
  }

  /** {@return {@code optional.timestamp} as an instant (the signer's claimed signing time)} */
  public Optional<Instant> timestamp() {
    return optional.map(m -> m.get("timestamp")).map(v -> Instant.ofEpochSecond(v.longValue()));
  }

  @Override
  public String toString() {
    return "SimpleSigningPayload[" + dockerReference + "@" + digest + "]";
  }
}
