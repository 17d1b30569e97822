package dev.custody.core.internal.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.gate.YamlNode.MapNode;
import dev.custody.core.internal.gate.YamlNode.ScalarNode;
import dev.custody.core.internal.gate.YamlNode.SeqNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Streams the documents of a multi-document YAML text through Jackson's {@link YAMLParser} and
 * hands each one to a sink as a {@link YamlNode} tree with exact scalar ranges.
 *
 * <p>Hostile input is bounded: the caller bounds the text's size, the {@link Budget} the number of
 * documents and nodes, the nesting depth is capped, duplicate keys are refused (Kubernetes' YAML
 * library lets the last one win, so a gate reading the first could be shown a different image than
 * the one deployed), and aliases are never expanded (an alias is the anchored node itself, so a
 * "billion laughs" document stays as small as its text).
 */
final class YamlDocuments {
  private static final YAMLFactory FACTORY = createFactory();

  /** Receives each document in order. */
  interface Sink {
    /**
     * @param index the 0-based document index
     * @param line the line where the document's content starts
     * @param root the document's root node (an empty document is an empty scalar)
     */
    void document(int index, int line, YamlNode root)
        throws InvalidInputException, LimitExceededException;
  }

  private final YAMLParser parser;
  private final String text;
  private final String what;
  private final Budget budget;
  private final CodePointCursor cursor;
  private Map<String, YamlNode> anchors = new HashMap<>();

  private YamlDocuments(YAMLParser parser, String text, String what, Budget budget) {
    this.parser = parser;
    this.text = text;
    this.what = what;
    this.budget = budget;
    this.cursor = new CodePointCursor(text);
  }

  private static YAMLFactory createFactory() {
    LoaderOptions loader = new LoaderOptions();
    // The caller bounds the text; SnakeYAML's own 3 MB default would refuse valid large files.
    loader.setCodePointLimit(Integer.MAX_VALUE);
    loader.setNestingDepthLimit(Budget.MAX_DEPTH);
    // Only the composer expands aliases and Jackson's streaming parser has none; keep the bound
    // anyway so no future code path can expand a bomb.
    loader.setMaxAliasesForCollections(50);
    loader.setAllowDuplicateKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(Budget.MAX_DEPTH)
                .maxStringLength(Integer.MAX_VALUE)
                .build())
        .build();
  }

  /**
   * Reads every document of {@code text}.
   *
   * @param text the whole file
   * @param what the file, for messages
   * @param budget the run's bounds
   * @param sink receives each document
   * @throws InvalidInputException naming the file and line if the YAML is malformed, has a
   *     duplicate key or an undefined alias, or a bound is exceeded
   */
  static void read(String text, String what, Budget budget, Sink sink)
      throws InvalidInputException {
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(new StringReader(text))) {
      new YamlDocuments(parser, text, what, budget).readAll(sink);
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read deployment " + what + ": " + lineOf(e) + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException) {
        // SnakeYAML knows where the problem is (not just where the construct began) and what it is.
        MarkedYAMLException yaml = (MarkedYAMLException) e.getCause();
        String line =
            yaml.getProblemMark() != null
                ? "line " + (yaml.getProblemMark().getLine() + 1) + ": "
                : lineOf(e);
        String problem =
            (yaml.getContext() != null ? yaml.getContext() + ": " : "")
                + (yaml.getProblem() != null ? yaml.getProblem() : "unreadable");
        throw new InvalidInputException(
            "read deployment " + what + ": " + line + "malformed YAML: " + firstLine(problem), e);
      }
      throw new InvalidInputException(
          "read deployment "
              + what
              + ": "
              + lineOf(e)
              + "malformed YAML: "
              + firstLine(e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new InvalidInputException(
          "read deployment " + what + ": " + firstLine(e.getMessage()), e);
    }
  }

  private void readAll(Sink sink) throws IOException, InvalidInputException {
    int index = 0;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      int line = parser.currentTokenLocation().getLineNr();
      anchors = new HashMap<>(); // anchors are scoped to their document (YAML 1.2 §3.2.2.2)
      try {
        budget.document();
        YamlNode root = node(token, 0);
        sink.document(index, line, root);
      } catch (LimitExceededException e) {
        throw new InvalidInputException(
            Reason.LIMIT_EXCEEDED,
            "read deployment "
                + what
                + ": document "
                + index
                + " (line "
                + line
                + "): "
                + e.getMessage()
                + "; refusing the input");
      }
      index++;
    }
  }

  private YamlNode node(JsonToken token, int depth)
      throws IOException, InvalidInputException, LimitExceededException {
    budget.node();
    int line = parser.currentTokenLocation().getLineNr();
    if (depth > Budget.MAX_DEPTH) {
      throw new LimitExceededException(
          "nesting deeper than " + Budget.MAX_DEPTH + " at line " + line);
    }
    switch (token) {
      case START_OBJECT:
        {
          Object anchor = parser.getObjectId();
          MapNode map = new MapNode(line);
          for (JsonToken t = parser.nextToken();
              t != JsonToken.END_OBJECT;
              t = parser.nextToken()) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            YamlNode value = node(parser.nextToken(), depth + 1);
            if (!map.put(key, value)) {
              throw at(keyLine, "duplicate key \"" + Texts.shorten(key) + "\"");
            }
          }
          // Registered once complete, so an alias inside the node cannot make it recursive.
          define(anchor, map);
          return map;
        }
      case START_ARRAY:
        {
          Object anchor = parser.getObjectId();
          List<YamlNode> items = new ArrayList<>();
          for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(node(t, depth + 1));
          }
          SeqNode seq = new SeqNode(line, items);
          define(anchor, seq);
          return seq;
        }
      default:
        return scalar(token, line);
    }
  }

  private YamlNode scalar(JsonToken token, int line) throws IOException, InvalidInputException {
    if (parser.isCurrentAlias()) {
      String name = parser.getText();
      YamlNode target = anchors.get(name);
      if (target == null) {
        throw at(
            line,
            "alias *"
                + Texts.shorten(name)
                + " names no anchor defined before it in this document");
      }
      return target;
    }
    int start = cursor.charOffset(parser.currentTokenLocation().getCharOffset());
    int end = cursor.charOffset(parser.currentLocation().getCharOffset());
    ScalarProperties properties = ScalarProperties.parse(text, start, end);
    ScalarNode scalar =
        new ScalarNode(line, type(token), valueOf(token), properties.contentStart(), end);
    if (properties.anchor().isPresent()) {
      anchors.put(properties.anchor().get(), scalar);
    }
    return scalar;
  }

  private String valueOf(JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NULL ? "" : parser.getText();
  }

  private static ScalarNode.Type type(JsonToken token) {
    switch (token) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return ScalarNode.Type.NUMBER;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return ScalarNode.Type.BOOLEAN;
      case VALUE_NULL:
        return ScalarNode.Type.NULL;
      default:
        return ScalarNode.Type.STRING;
    }
  }

  private void define(Object anchor, YamlNode node) {
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
    }
  }

  private InvalidInputException at(int line, String problem) {
    return new InvalidInputException("read deployment " + what + ": line " + line + ": " + problem);
  }

  private static String lineOf(JsonProcessingException e) {
    return e.getLocation() != null && e.getLocation().getLineNr() > 0
        ? "line " + e.getLocation().getLineNr() + ": "
        : "";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return Texts.shorten(nl < 0 ? message : message.substring(0, nl), 200);
  }

  /**
   * Turns SnakeYAML's offsets, which count code points, into Java char offsets. Offsets arrive in
   * increasing order, so one forward walk over the text serves the whole file.
   */
  static final class CodePointCursor {
    private final String text;
    private final boolean bmpOnly;
    private long codePoints;
    private int chars;

    CodePointCursor(String text) {
      this.text = text;
      this.bmpOnly = text.codePoints().allMatch(Character::isBmpCodePoint);
    }

    int charOffset(long codePointOffset) {
      if (bmpOnly) {
        return (int) codePointOffset;
      }
      if (codePointOffset < codePoints) {
        codePoints = 0;
        chars = 0;
      }
      while (codePoints < codePointOffset && chars < text.length()) {
        chars += Character.charCount(text.codePointAt(chars));
        codePoints++;
      }
      return chars;
    }
  }
}
