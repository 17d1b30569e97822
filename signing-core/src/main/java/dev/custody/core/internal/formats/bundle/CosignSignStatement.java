package dev.custody.core.internal.formats.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.ResourceDescriptor;
import dev.custody.core.internal.formats.intoto.Statement;
import dev.custody.oci.Digest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statement {@code cosign sign} v3 signs for an image (FORMATS.md §3.10): Statement v1, one
 * subject with no name, the image digest and the {@code -a} annotations, predicate type {@value
 * PredicateTypes#COSIGN_SIGN_V1} and an empty predicate.
 */
public final class CosignSignStatement {
  private CosignSignStatement() {}

  /**
   * Builds the statement.
   *
   * @param imageDigest the signed manifest's digest
   * @param annotations the {@code -a key=value} annotations; possibly empty
   * @return the statement; serialise it with {@code StatementCodec.write}
   */
  public static Statement of(Digest imageDigest, Map<String, String> annotations) {
    requireNonNull(imageDigest, "imageDigest");
    Map<String, JsonNode> values = new TreeMap<>();
    annotations.forEach((k, v) -> values.put(k, TextNode.valueOf(requireNonNull(v, "value"))));
    return Statement.of(
        List.of(ResourceDescriptor.ofDigest(imageDigest, values)),
        PredicateTypes.COSIGN_SIGN_V1,
        JsonNodeFactory.instance.objectNode());
  }
}
