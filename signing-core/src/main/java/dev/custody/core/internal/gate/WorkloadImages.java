package dev.custody.core.internal.gate;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.gate.YamlNode.MapNode;
import dev.custody.core.internal.gate.YamlNode.ScalarNode;
import dev.custody.core.internal.gate.YamlNode.SeqNode;
import dev.custody.gate.ImageLocation;
import dev.custody.gate.SkippedDocument;
import dev.custody.oci.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the images of one document by its kind, at the paths the Kubernetes API defines for pod
 * specs (core/v1 PodSpec: {@code containers}, {@code initContainers}, {@code ephemeralContainers})
 * and Azure Container Instances defines for container groups ({@code properties.containers[]
 * .properties.image}, {@code properties.initContainers[].properties.image}).
 *
 * <p>In a document of a known kind the gate fails closed: a container without an image, an image
 * that is not a non-empty string or not a valid reference, or a pod spec part of the wrong shape is
 * an error, not something to skip. Documents of other kinds are reported as skipped.
 */
final class WorkloadImages {
  /** Where each kind keeps its pod spec. */
  private static final Map<String, List<String>> POD_SPEC_PATHS =
      Map.of(
          "Pod", List.of("spec"),
          "Deployment", List.of("spec", "template", "spec"),
          "ReplicaSet", List.of("spec", "template", "spec"),
          "StatefulSet", List.of("spec", "template", "spec"),
          "DaemonSet", List.of("spec", "template", "spec"),
          "ReplicationController", List.of("spec", "template", "spec"),
          "Job", List.of("spec", "template", "spec"),
          "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

  private static final List<String> POD_CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");
  private static final List<String> ACI_CONTAINER_LISTS = List.of("containers", "initContainers");
  private static final String ACI_TYPE = "microsoft.containerinstance/containergroups";

  /** {@code List}s inside {@code List}s are legal but never deep; deeper is refused. */
  private static final int MAX_LIST_NESTING = 8;

  /** Receives what was found. */
  interface Collector {
    void image(ImageOccurrence occurrence);

    void skipped(SkippedDocument document);
  }

  private final Path file;
  private final String what;
  private final int document;
  private final Budget budget;
  private final int maxImageLength;
  private final Collector out;

  private WorkloadImages(
      Path file, int document, Budget budget, int maxImageLength, Collector out) {
    this.file = file;
    this.what = file.toString();
    this.document = document;
    this.budget = budget;
    this.maxImageLength = maxImageLength;
    this.out = out;
  }

  /**
   * Collects the images of one document.
   *
   * @param file the file, for locations
   * @param document the document's index in the file
   * @param line the line where the document starts
   * @param root the document
   * @param budget the run's bounds
   * @param maxImageLength the longest image string accepted
   * @param out receives images and skipped documents
   */
  static void collect(
      Path file,
      int document,
      int line,
      YamlNode root,
      Budget budget,
      int maxImageLength,
      Collector out)
      throws InvalidInputException, LimitExceededException {
    new WorkloadImages(file, document, budget, maxImageLength, out).object(root, line, "", 0);
  }

  private void object(YamlNode node, int line, String prefix, int listDepth)
      throws InvalidInputException, LimitExceededException {
    if (node instanceof ScalarNode && ((ScalarNode) node).isEmpty()) {
      return; // an empty document (only comments, or "---" alone) runs nothing
    }
    if (!(node instanceof MapNode)) {
      out.skipped(new SkippedDocument(file, document, line, ""));
      return;
    }
    MapNode map = (MapNode) node;
    Optional<String> kind = optionalString(map, "kind", prefix);
    if (kind.isPresent() && POD_SPEC_PATHS.containsKey(kind.get())) {
      podSpecAt(map, POD_SPEC_PATHS.get(kind.get()), prefix);
    } else if (kind.isPresent() && isListKind(kind.get())) {
      list(map, prefix, listDepth);
    } else if (kind.isEmpty() && isContainerGroup(map, prefix)) {
      containerGroup(map, prefix);
    } else {
      out.skipped(new SkippedDocument(file, document, node.line(), kind.orElse("")));
    }
  }

  /** {@code List}, and the typed lists such as {@code PodList} or {@code DeploymentList}. */
  private static boolean isListKind(String kind) {
    return kind.equals("List") || (kind.endsWith("List") && kind.length() > "List".length());
  }

  private void list(MapNode map, String prefix, int listDepth)
      throws InvalidInputException, LimitExceededException {
    if (listDepth >= MAX_LIST_NESTING) {
      throw error(
          map.line(), prefix + "items", "Lists nested more than " + MAX_LIST_NESTING + " deep");
    }
    Optional<SeqNode> items = sequence(map, "items", prefix);
    if (items.isEmpty()) {
      return;
    }
    List<YamlNode> list = items.get().items();
    for (int i = 0; i < list.size(); i++) {
      budget.listItem();
      YamlNode item = list.get(i);
      String itemPrefix = prefix + "items[" + i + "].";
      if (!(item instanceof MapNode)) {
        throw error(
            item.line(),
            itemPrefix.substring(0, itemPrefix.length() - 1),
            "expected a mapping, got " + item.describe());
      }
      object(item, item.line(), itemPrefix, listDepth + 1);
    }
  }

  private void podSpecAt(MapNode root, List<String> keys, String prefix)
      throws InvalidInputException, LimitExceededException {
    MapNode current = root;
    StringBuilder path = new StringBuilder(prefix);
    for (String key : keys) {
      path.append(key);
      Optional<MapNode> next = mapping(current, key, path.toString());
      if (next.isEmpty()) {
        return; // no pod spec: nothing runs
      }
      current = next.get();
      path.append('.');
    }
    for (String field : POD_CONTAINER_LISTS) {
      containers(current, field, path.toString(), false);
    }
  }

  /** An ACI container group: typed as one, or untyped with {@code properties.containers}. */
  private boolean isContainerGroup(MapNode map, String prefix)
      throws InvalidInputException, LimitExceededException {
    Optional<String> type = optionalString(map, "type", prefix);
    if (type.isPresent()) {
      return type.get().toLowerCase(Locale.ROOT).equals(ACI_TYPE);
    }
    Optional<YamlNode> properties = map.get("properties", budget);
    if (properties.isEmpty() || !(properties.get() instanceof MapNode)) {
      return false;
    }
    MapNode p = (MapNode) properties.get();
    return p.get("containers", budget).isPresent() || p.get("initContainers", budget).isPresent();
  }

  private void containerGroup(MapNode map, String prefix)
      throws InvalidInputException, LimitExceededException {
    Optional<MapNode> properties = mapping(map, "properties", prefix + "properties");
    if (properties.isEmpty()) {
      return;
    }
    for (String field : ACI_CONTAINER_LISTS) {
      containers(properties.get(), field, prefix + "properties.", true);
    }
  }

  private void containers(MapNode spec, String field, String prefix, boolean aci)
      throws InvalidInputException, LimitExceededException {
    Optional<SeqNode> list = sequence(spec, field, prefix);
    if (list.isEmpty()) {
      return;
    }
    List<YamlNode> items = list.get().items();
    for (int i = 0; i < items.size(); i++) {
      budget.container();
      String path = prefix + field + "[" + i + "]";
      YamlNode item = items.get(i);
      if (!(item instanceof MapNode)) {
        throw error(item.line(), path, "expected a container mapping, got " + item.describe());
      }
      MapNode container = (MapNode) item;
      Optional<String> name = optionalString(container, "name", path + ".");
      MapNode holder = container;
      String imagePath = path + ".image";
      if (aci) {
        imagePath = path + ".properties.image";
        Optional<MapNode> properties = mapping(container, "properties", path + ".properties");
        if (properties.isEmpty()) {
          throw error(
              container.line(),
              path,
              "the container has no properties.image; the gate cannot vouch for an image it cannot"
                  + " see");
        }
        holder = properties.get();
      }
      image(holder, imagePath, name, container.line());
    }
  }

  private void image(MapNode holder, String path, Optional<String> container, int containerLine)
      throws InvalidInputException, LimitExceededException {
    Optional<YamlNode> node = holder.get("image", budget);
    if (node.isEmpty()
        || (node.get() instanceof ScalarNode
            && ((ScalarNode) node.get()).type() == ScalarNode.Type.NULL)) {
      throw error(
          containerLine,
          path,
          "the container has no image; the gate cannot vouch for an image it cannot see");
    }
    if (!(node.get() instanceof ScalarNode)
        || ((ScalarNode) node.get()).type() != ScalarNode.Type.STRING) {
      throw error(
          node.get().line(), path, "expected the image as a string, got " + node.get().describe());
    }
    ScalarNode scalar = (ScalarNode) node.get();
    String written = scalar.value();
    if (written.isEmpty()) {
      throw error(scalar.line(), path, "the image is empty");
    }
    if (written.length() > maxImageLength) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          where(scalar.line(), path)
              + "the image is "
              + written.length()
              + " characters long (expected at most "
              + maxImageLength
              + ")");
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(written);
    } catch (IllegalArgumentException e) {
      throw error(scalar.line(), path, e.getMessage());
    }
    ImageLocation location =
        new ImageLocation(file, document, scalar.line(), path, container, written);
    out.image(new ImageOccurrence(reference, location, scalar));
  }

  private Optional<String> optionalString(MapNode map, String key, String prefix)
      throws InvalidInputException, LimitExceededException {
    Optional<YamlNode> node = map.get(key, budget);
    if (node.isEmpty()
        || (node.get() instanceof ScalarNode && ((ScalarNode) node.get()).isEmpty())) {
      return Optional.empty();
    }
    if (!(node.get() instanceof ScalarNode)) {
      throw error(
          node.get().line(), prefix + key, "expected a string, got " + node.get().describe());
    }
    return Optional.of(((ScalarNode) node.get()).value());
  }

  private Optional<MapNode> mapping(MapNode map, String key, String path)
      throws InvalidInputException, LimitExceededException {
    Optional<YamlNode> node = map.get(key, budget);
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (!(node.get() instanceof MapNode)) {
      throw error(node.get().line(), path, "expected a mapping, got " + node.get().describe());
    }
    return Optional.of((MapNode) node.get());
  }

  private Optional<SeqNode> sequence(MapNode map, String key, String prefix)
      throws InvalidInputException, LimitExceededException {
    Optional<YamlNode> node = map.get(key, budget);
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    if (!(node.get() instanceof SeqNode)) {
      throw error(
          node.get().line(), prefix + key, "expected a sequence, got " + node.get().describe());
    }
    return Optional.of((SeqNode) node.get());
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof ScalarNode && ((ScalarNode) node).type() == ScalarNode.Type.NULL;
  }

  private String where(int line, String path) {
    return "read deployment "
        + what
        + ": document "
        + document
        + ", line "
        + line
        + ", "
        + path
        + ": ";
  }

  private InvalidInputException error(int line, String path, String problem) {
    return new InvalidInputException(where(line, path) + problem);
  }
}
