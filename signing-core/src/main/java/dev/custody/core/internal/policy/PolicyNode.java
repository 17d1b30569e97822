package dev.custody.core.internal.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy document as a tree that remembers where each node started, so that every validation
 * error can name its line (POLICY.md: "each an error naming the line and field").
 */
sealed interface PolicyNode permits PolicyNode.MapNode, PolicyNode.ListNode, PolicyNode.ScalarNode {

  /** {@return the 1-based line on which the node starts} */
  int line();

  /** {@return what the node is, for "expected X, got Y" messages} */
  String describe();

  /** A mapping; keys keep file order. */
  record MapNode(int line, Map<String, Field> fields) implements PolicyNode {
    public MapNode {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** One key of a mapping, with the line of the key itself. */
  record Field(String key, int line, PolicyNode value) {}

  /** A sequence. */
  record ListNode(int line, List<PolicyNode> items) implements PolicyNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar with its kind as the parser saw it. */
  record ScalarNode(int line, Kind kind, String text) implements PolicyNode {
    /** Scalar kinds. */
    enum Kind {
      STRING,
      INTEGER,
      DECIMAL,
      BOOLEAN,
      NULL
    }

    @Override
    public String describe() {
      switch (kind) {
        case STRING:
          return "a string";
        case INTEGER:
        case DECIMAL:
          return "a number";
        case BOOLEAN:
          return "a boolean";
        default:
          return "null";
      }
    }
  }
}
