package dev.custody.core.internal.formats.intoto;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes in-toto statements (FORMATS.md §6.1). Writing is compact in the order {@code
 * _type, subject, predicateType, predicate}; reading accepts Statement v1 and v0.1, ignores unknown
 * members and keeps the predicate as a tree. Parse the exact bytes that were verified (the DSSE
 * payload); never re-serialise them.
 */
public final class StatementCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "in-toto statement";
  private static final Set<String> TYPES = Set.of(Statement.TYPE_V1, Statement.TYPE_V01);

  private StatementCodec() {}

  /** {@return the statement's bytes} */
  public static Bytes write(Statement statement) {
    requireNonNull(statement, "statement");
    ObjectNode o = NODES.objectNode();
    o.put("_type", statement.type());
    ArrayNode subjects = o.putArray("subject");
    statement.subjects().forEach(s -> subjects.add(s.toJson()));
    o.put("predicateType", statement.predicateType());
    o.set("predicate", statement.predicate());
    return Json.write(o);
  }

  /**
   * Parses a statement from its exact bytes.
   *
   * @param content the statement bytes (a verified DSSE payload)
   * @return the statement
   * @throws InvalidInputException naming the field that is missing, of the wrong type or invalid
   */
  public static Statement parse(Bytes content) throws InvalidInputException {
    JsonView root = JsonView.parse(content, WHAT).object();
    JsonView typeNode = root.field("_type");
    String type = typeNode.string();
    if (!TYPES.contains(type)) {
      throw typeNode.error(
          "unsupported statement type \""
              + JsonView.shorten(type)
              + "\" (expected "
              + Statement.TYPE_V1
              + " or "
              + Statement.TYPE_V01
              + ")");
    }
    List<ResourceDescriptor> subjects = new ArrayList<>();
    for (JsonView s : root.field("subject").nonEmptyArray()) {
      subjects.add(ResourceDescriptor.parse(s, true));
    }
    String predicateType = root.field("predicateType", "predicate_type").nonEmptyString();
    ObjectNode predicate = NODES.objectNode();
    Optional<JsonView> p = root.optionalField("predicate");
    if (p.isPresent() && !p.get().isNull()) {
      predicate = (ObjectNode) p.get().object().tree();
    }
    return Statement.withType(type, subjects, predicateType, predicate);
  }
}
