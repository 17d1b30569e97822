package dev.custody.core.internal.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of one YAML document, kept with what the gate needs: the line for messages and, for
 * scalars, the exact character range in the file so pinning can replace just that range. An alias
 * is the very node its anchor names (shared, never copied), so alias-heavy input costs no memory.
 */
abstract class YamlNode {
  private final int line;

  private YamlNode(int line) {
    this.line = line;
  }

  /** {@return the 1-based line where the node starts} */
  final int line() {
    return line;
  }

  /** {@return a short description for messages, e.g. "a mapping"} */
  abstract String describe();

  /** A mapping; keys are unique (duplicates are refused while reading). */
  static final class MapNode extends YamlNode {
    /** The YAML 1.1 merge key (yaml.org/type/merge.html), which Kubernetes' go-yaml honours. */
    static final String MERGE_KEY = "<<";

    private final Map<String, YamlNode> fields = new LinkedHashMap<>();

    MapNode(int line) {
      super(line);
    }

    /** Adds a field; returns false if the key is already present. */
    boolean put(String key, YamlNode value) {
      return fields.putIfAbsent(key, value) == null;
    }

    /** {@return the fields as written, without merges} */
    Map<String, YamlNode> fields() {
      return Collections.unmodifiableMap(fields);
    }

    /**
     * Looks a key up as a YAML loader would: the mapping's own field first, then the mappings
     * merged in with {@code <<} (a mapping, or a sequence of mappings, earlier ones winning).
     *
     * @param budget bounds the merge steps, since merges of merges could fan out exponentially
     */
    Optional<YamlNode> get(String key, Budget budget) throws LimitExceededException {
      YamlNode own = fields.get(key);
      if (own != null) {
        return Optional.of(own);
      }
      YamlNode merge = fields.get(MERGE_KEY);
      if (merge == null || key.equals(MERGE_KEY)) {
        return Optional.empty();
      }
      budget.mergeStep();
      if (merge instanceof MapNode) {
        return ((MapNode) merge).get(key, budget);
      }
      if (merge instanceof SeqNode) {
        for (YamlNode item : ((SeqNode) merge).items()) {
          if (item instanceof MapNode) {
            Optional<YamlNode> found = ((MapNode) item).get(key, budget);
            if (found.isPresent()) {
              return found;
            }
          }
        }
      }
      return Optional.empty();
    }

    @Override
    String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  static final class SeqNode extends YamlNode {
    private final List<YamlNode> items;

    SeqNode(int line, List<YamlNode> items) {
      super(line);
      this.items = List.copyOf(items);
    }

    List<YamlNode> items() {
      return items;
    }

    @Override
    String describe() {
      return "a sequence";
    }
  }

  /** A scalar with its resolved type and its place in the file text. */
  static final class ScalarNode extends YamlNode {
    /** The type the YAML core schema resolves the scalar to. */
    enum Type {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    private final Type type;
    private final String value;
    private final int contentStart;
    private final int end;

    /**
     * @param contentStart char offset of the scalar itself in the file text (after any anchor or
     *     tag), where a quote, a block indicator or the first plain character is
     * @param end char offset just past the scalar (past the closing quote; for a block scalar, past
     *     its last line break)
     */
    ScalarNode(int line, Type type, String value, int contentStart, int end) {
      super(line);
      this.type = type;
      this.value = value;
      this.contentStart = contentStart;
      this.end = end;
    }

    Type type() {
      return type;
    }

    /** {@return the scalar's value after unquoting and unescaping} */
    String value() {
      return value;
    }

    int contentStart() {
      return contentStart;
    }

    int end() {
      return end;
    }

    /** {@return whether the scalar is null or an empty string, i.e. carries nothing} */
    boolean isEmpty() {
      return type == Type.NULL || (type == Type.STRING && value.isEmpty());
    }

    @Override
    String describe() {
      switch (type) {
        case NUMBER:
          return "a number";
        case BOOLEAN:
          return "a boolean";
        case NULL:
          return "null";
        default:
          return "a string";
      }
    }
  }
}
