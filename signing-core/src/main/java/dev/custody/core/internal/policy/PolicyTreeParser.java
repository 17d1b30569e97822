package dev.custody.core.internal.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.policy.PolicyNode.Field;
import dev.custody.core.internal.policy.PolicyNode.ListNode;
import dev.custody.core.internal.policy.PolicyNode.MapNode;
import dev.custody.core.internal.policy.PolicyNode.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses a policy file (YAML or JSON) into a {@link PolicyNode} tree with line numbers. Jackson's
 * tree model drops locations, so the tree is built from the token stream. JSON uses the factory of
 * the hardened mapper ({@link Json}); YAML a factory with the same depth and size limits, no
 * aliases (they would let a small file expand without bound) and one document only.
 */
final class PolicyTreeParser {
  private static final int MAX_DEPTH = 32;
  private static final int MAX_NODES = 20_000;

  private static final YAMLFactory YAML = createYaml();

  private final JsonParser parser;
  private final String what;
  private int nodes;

  private PolicyTreeParser(JsonParser parser, String what) {
    this.parser = parser;
    this.what = what;
  }

  private static YAMLFactory createYaml() {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(0);
    loader.setNestingDepthLimit(MAX_DEPTH);
    loader.setCodePointLimit(PolicyReader.MAX_POLICY_BYTES);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(PolicyReader.MAX_POLICY_BYTES)
                .maxNumberLength(100)
                .build())
        .build();
  }

  /**
   * Parses {@code content}.
   *
   * @param content the exact file bytes
   * @param json whether to read JSON (else YAML)
   * @param what the file, for messages
   * @return the root mapping
   * @throws InvalidInputException naming the line if the document is not well-formed, not a
   *     mapping, uses YAML aliases, or holds more than one document
   */
  static MapNode parse(Bytes content, boolean json, String what) throws InvalidInputException {
    JsonFactory factory = json ? Json.mapper().getFactory() : YAML;
    try (JsonParser parser = factory.createParser(content.toByteArray())) {
      PolicyTreeParser p = new PolicyTreeParser(parser, what);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidInputException("read policy " + what + ": the file is empty");
      }
      PolicyNode root = p.node(first, 0);
      if (!(root instanceof MapNode)) {
        throw PolicyErrors.at(what, root.line(), "", "the document must be a mapping, got " + root.describe());
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw PolicyErrors.at(
            what, line(parser), "", "more than one document or trailing content after the policy");
      }
      return (MapNode) root;
    } catch (IOException e) {
      String message = e.getMessage() == null ? "unreadable" : e.getMessage();
      int nl = message.indexOf('\n');
      message = nl < 0 ? message : message.substring(0, nl);
      int line =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException
                  && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null
              ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation().getLineNr()
              : 0;
      throw new InvalidInputException(
          "read policy "
              + what
              + ": "
              + (line > 0 ? "line " + line + ": " : "")
              + "malformed "
              + (json ? "JSON" : "YAML")
              + ": "
              + PolicyErrors.shorten(message, 200),
          e);
    }
  }

  private PolicyNode node(JsonToken token, int depth) throws IOException, InvalidInputException {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw PolicyErrors.at(what, line(parser), "", "the document is too large or too deeply nested");
    }
    int line = line(parser);
    if (parser instanceof YAMLParser && ((YAMLParser) parser).isCurrentAlias()) {
      throw PolicyErrors.at(what, line, "", "YAML aliases are not supported in policy files");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Field> fields = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          int keyLine = line(parser);
          PolicyNode value = node(parser.nextToken(), depth + 1);
          if (fields.putIfAbsent(key, new Field(key, keyLine, value)) != null) {
            throw PolicyErrors.at(what, keyLine, key, "duplicate key \"" + PolicyErrors.shorten(key, 60) + "\"");
          }
        }
        return new MapNode(line, fields);
      case START_ARRAY:
        List<PolicyNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(node(t, depth + 1));
        }
        return new ListNode(line, items);
      case VALUE_STRING:
        return new ScalarNode(line, ScalarNode.Kind.STRING, parser.getText());
      case VALUE_NUMBER_INT:
        return new ScalarNode(line, ScalarNode.Kind.INTEGER, parser.getText());
      case VALUE_NUMBER_FLOAT:
        return new ScalarNode(line, ScalarNode.Kind.DECIMAL, parser.getText());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new ScalarNode(line, ScalarNode.Kind.BOOLEAN, parser.getText());
      case VALUE_NULL:
        return new ScalarNode(line, ScalarNode.Kind.NULL, "null");
      default:
        throw PolicyErrors.at(what, line, "", "unsupported content " + token);
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
