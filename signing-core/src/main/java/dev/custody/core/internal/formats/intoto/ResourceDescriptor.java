package dev.custody.core.internal.formats.intoto;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.oci.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-toto ResourceDescriptor (resource_descriptor.md) as statements use it for subjects and SLSA
 * for dependencies: name, uri, DigestSet and annotations. Other members are ignored on read
 * (policies are monotonic). Immutable.
 */
public final class ResourceDescriptor {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Optional<String> name;
  private final Optional<String> uri;
  private final Map<String, String> digest;
  private final Map<String, JsonNode> annotations;

  private ResourceDescriptor(
      Optional<String> name,
      Optional<String> uri,
      Map<String, String> digest,
      Map<String, JsonNode> annotations) {
    this.name = name;
    this.uri = uri;
    this.digest = Collections.unmodifiableMap(new LinkedHashMap<>(digest));
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    annotations.forEach((k, v) -> copy.put(requireNonNull(k), v.deepCopy()));
    this.annotations = Collections.unmodifiableMap(copy);
  }

  /** {@return the subject of an image: {@code name} and its manifest digest} */
  public static ResourceDescriptor ofImage(String name, Digest manifestDigest) {
    requireNonNull(name, "name");
    return new ResourceDescriptor(
        Optional.of(name), Optional.empty(), digestSet(manifestDigest), Map.of());
  }

  /** {@return a nameless subject (cosign v3 {@code sign}) with optional annotations} */
  public static ResourceDescriptor ofDigest(Digest digest, Map<String, JsonNode> annotations) {
    return new ResourceDescriptor(
        Optional.empty(), Optional.empty(), digestSet(digest), annotations);
  }

  /** {@return a descriptor of the given parts; a DigestSet's keys are sorted when written} */
  public static ResourceDescriptor of(
      Optional<String> name, Optional<String> uri, Map<String, String> digestSet) {
    if (uri.isEmpty() && digestSet.isEmpty()) {
      throw new IllegalArgumentException("a resource descriptor needs a uri or a digest");
    }
    return new ResourceDescriptor(name, uri, new TreeMap<>(digestSet), Map.of());
  }

  private static Map<String, String> digestSet(Digest digest) {
    requireNonNull(digest, "digest");
    return Map.of(digest.algorithm().id(), digest.hex());
  }

  /** {@return the name, if any} */
  public Optional<String> name() {
    return name;
  }

  /** {@return the URI, if any} */
  public Optional<String> uri() {
    return uri;
  }

  /** {@return the DigestSet, algorithm name to lower-case hex, in document order} */
  public Map<String, String> digest() {
    return digest;
  }

  /** {@return the annotations (copies of the JSON values)} */
  public Map<String, JsonNode> annotations() {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    annotations.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return copy;
  }

  /** {@return whether the DigestSet names exactly this digest} */
  public boolean matches(Digest value) {
    return value.hex().equals(digest.get(value.algorithm().id()));
  }

  /** {@return the descriptor in field order name, uri, digest, annotations} */
  public ObjectNode toJson() {
    ObjectNode o = NODES.objectNode();
    name.ifPresent(n -> o.put("name", n));
    uri.ifPresent(u -> o.put("uri", u));
    if (!digest.isEmpty()) {
      ObjectNode d = o.putObject("digest");
      digest.forEach(d::put);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = o.putObject("annotations");
      new TreeMap<>(annotations).forEach((k, v) -> a.set(k, v.deepCopy()));
    }
    return o;
  }

  /**
   * Reads a descriptor.
   *
   * @param node the descriptor object
   * @param digestRequired whether a DigestSet is mandatory (it is for statement subjects)
   * @return the descriptor
   * @throws InvalidInputException naming the field that is missing or of the wrong type
   */
  public static ResourceDescriptor parse(JsonView node, boolean digestRequired)
      throws InvalidInputException {
    node.object();
    Optional<String> name = optionalString(node, "name");
    Optional<String> uri = optionalString(node, "uri");
    Map<String, String> digest = new LinkedHashMap<>();
    Optional<JsonView> digestNode =
        digestRequired ? Optional.of(node.field("digest")) : node.optionalField("digest");
    if (digestNode.isPresent()) {
      digest = digestNode.get().stringMap();
      if (digest.isEmpty()) {
        throw digestNode.get().error("must name at least one digest");
      }
      for (Map.Entry<String, String> e : digest.entrySet()) {
        if (e.getValue().isEmpty()) {
          throw digestNode.get().error("digest " + JsonView.shorten(e.getKey()) + " is empty");
        }
      }
    }
    Map<String, JsonNode> annotations = new LinkedHashMap<>();
    Optional<JsonView> a = node.optionalField("annotations");
    if (a.isPresent()) {
      a.get().members().forEach((k, v) -> annotations.put(k, v.tree()));
    }
    // resource_descriptor.md: at least one of uri, digest, content (a name alone is not enough)
    if (uri.isEmpty() && digest.isEmpty() && !node.has("content")) {
      throw node.error("needs at least one of uri, digest or content");
    }
    return new ResourceDescriptor(name, uri, digest, annotations);
  }

  private static Optional<String> optionalString(JsonView node, String field)
      throws InvalidInputException {
    Optional<JsonView> v = node.optionalField(field);
    return v.isPresent() ? Optional.of(v.get().string()) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResourceDescriptor)) {
      return false;
    }
    ResourceDescriptor r = (ResourceDescriptor) o;
    return name.equals(r.name)
        && uri.equals(r.uri)
        && digest.equals(r.digest)
        && annotations.equals(r.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, uri, digest, annotations);
  }

  @Override
  public String toString() {
    return "ResourceDescriptor[" + name.orElse("") + " " + digest + "]";
  }
}
