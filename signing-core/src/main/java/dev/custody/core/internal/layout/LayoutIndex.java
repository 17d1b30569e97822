package dev.custody.core.internal.layout;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.oci.ManifestCodec;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.MediaType;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A layout's {@code index.json}: the typed entries for reading, and the JSON tree for edits, so a
 * rewrite keeps fields Custody does not know (cosign's {@code kind} annotations, future fields).
 * Tags are the {@code org.opencontainers.image.ref.name} annotation of an entry (FORMATS.md §7.1).
 * Not thread-safe; edits happen under {@link LayoutLock}.
 */
final class LayoutIndex {
  /** The annotation that names an entry (image-spec annotations.md). */
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** Bound on {@code index.json}: about 60 000 entries. */
  static final int MAX_INDEX_BYTES = 16 * 1024 * 1024;

  private final ObjectNode tree;
  private List<Descriptor> entries;

  private LayoutIndex(ObjectNode tree, List<Descriptor> entries) {
    this.tree = tree;
    this.entries = entries;
  }

  /** {@return an index with no entries} */
  static LayoutIndex empty() {
    return of(ManifestCodec.writeIndex(List.of()).raw(), "index.json");
  }

  private static LayoutIndex of(Bytes raw, String what) {
    try {
      return parse(raw, what);
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses {@code index.json}.
   *
   * @throws InvalidInputException if it is too large or not an image index
   */
  static LayoutIndex parse(Bytes raw, String what) throws InvalidInputException {
    ImageIndex index =
        (ImageIndex) ManifestCodec.parse(raw, Optional.of(MediaType.OCI_INDEX), MAX_INDEX_BYTES);
    ObjectNode tree = (ObjectNode) Json.read(raw, what);
    return new LayoutIndex(tree, index.manifests());
  }

  /** {@return the entries in file order} */
  List<Descriptor> entries() {
    return entries;
  }

  /** {@return the ref names in file order, without repeats} */
  List<String> refNames() {
    return entries.stream()
        .map(d -> d.annotation(REF_NAME))
        .flatMap(Optional::stream)
        .distinct()
        .collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /** {@return the compact JSON to write back} */
  Bytes toBytes() {
    return Json.write(tree);
  }

  /**
   * Lists {@code entry}, naming it {@code tag} when given: the tag moves from any other entry to
   * this one, an untagged entry of the same digest takes the tag, otherwise a new entry is added
   * (the containers/image and oras-go behaviour, FORMATS.md §7.2).
   *
   * @return whether anything changed
   * @throws InvalidInputException if the edited index would exceed its bound
   */
  boolean add(Descriptor entry, Optional<String> tag) throws InvalidInputException {
    requireNonNull(entry, "entry");
    ArrayNode manifests = manifests();
    String digest = entry.digest().toString();
    if (tag.isEmpty()) {
      for (JsonNode node : manifests) {
        if (digest.equals(node.path("digest").asText())) {
          return false;
        }
      }
      manifests.add(ManifestCodec.descriptorJson(entry));
      return reparsed();
    }
    String name = tag.get();
    for (JsonNode node : manifests) {
      if (digest.equals(node.path("digest").asText()) && name.equals(refName(node))) {
        return false;
      }
    }
    for (JsonNode node : manifests) {
      if (name.equals(refName(node))) {
        removeRefName((ObjectNode) node);
      }
    }
    for (JsonNode node : manifests) {
      if (digest.equals(node.path("digest").asText()) && refName(node).isEmpty()) {
        ObjectNode annotations =
            node.has("annotations") && node.get("annotations").isObject()
                ? (ObjectNode) node.get("annotations")
                : ((ObjectNode) node).putObject("annotations");
        annotations.put(REF_NAME, name);
        return reparsed();
      }
    }
    manifests.add(
        ManifestCodec.descriptorJson(entry.toBuilder().annotation(REF_NAME, name).build()));
    return reparsed();
  }

  /**
   * Sets the annotation {@code key} to {@code value} on every entry of {@code digest}; the ref
   * name cannot be set this way (that is a tag: use {@link #add}).
   *
   * @return whether anything changed; false also when no entry lists the digest
   * @throws InvalidInputException if the edited index would exceed its bound
   */
  boolean annotate(Digest digest, String key, String value) throws InvalidInputException {
    requireNonNull(digest, "digest");
    requireNonNull(value, "value");
    if (requireNonNull(key, "key").equals(REF_NAME)) {
      throw new IllegalArgumentException("the ref name is a tag, not an annotation to set");
    }
    String text = digest.toString();
    boolean changed = false;
    for (JsonNode node : manifests()) {
      if (!text.equals(node.path("digest").asText())) {
        continue;
      }
      ObjectNode annotations =
          node.has("annotations") && node.get("annotations").isObject()
              ? (ObjectNode) node.get("annotations")
              : ((ObjectNode) node).putObject("annotations");
      if (!value.equals(annotations.path(key).textValue())) {
        annotations.put(key, value);
        changed = true;
      }
    }
    return changed && reparsed();
  }

  /** Removes every entry of {@code digest}; {@return how many were removed} */
  int remove(Digest digest) throws InvalidInputException {
    String text = digest.toString();
    int removed = 0;
    for (Iterator<JsonNode> it = manifests().iterator(); it.hasNext(); ) {
      if (text.equals(it.next().path("digest").asText())) {
        it.remove();
        removed++;
      }
    }
    if (removed > 0) {
      reparsed();
    }
    return removed;
  }

  private ArrayNode manifests() {
    return (ArrayNode) tree.get("manifests");
  }

  private static String refName(JsonNode node) {
    JsonNode value = node.path("annotations").path(REF_NAME);
    return value.isTextual() ? value.textValue() : "";
  }

  private static void removeRefName(ObjectNode node) {
    ObjectNode annotations = (ObjectNode) node.get("annotations");
    annotations.remove(REF_NAME);
    if (annotations.isEmpty()) {
      node.remove("annotations");
    }
  }

  /** Re-derives the typed entries, which also proves the edited tree still parses. */
  private boolean reparsed() throws InvalidInputException {
    this.entries = parse(toBytes(), "index.json").entries;
    return true;
  }
}
