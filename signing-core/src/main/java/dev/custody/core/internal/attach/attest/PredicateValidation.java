package dev.custody.core.internal.attach.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.intoto.ApprovalPredicate;
import dev.custody.core.internal.formats.intoto.CosignVulnV1;
import dev.custody.core.internal.formats.intoto.PredicateTypes;
import dev.custody.core.internal.formats.intoto.PromotionPredicate;
import dev.custody.core.internal.formats.intoto.SlsaProvenanceV1;
import dev.custody.core.internal.json.Json;

/**
 * Checks a predicate before it is signed: it must be a JSON object, and the predicate types Custody
 * knows the schema of (SLSA Provenance v1, cosign vuln, approval, promotion) must meet it, so a
 * signer cannot vouch for a statement a verifier would reject as malformed. Other types are
 * accepted as any JSON object. Stateless.
 */
final class PredicateValidation {
  private PredicateValidation() {}

  /**
   * {@return the predicate as an object}
   *
   * @param predicateType the predicate type URI
   * @param json the predicate bytes
   * @throws InvalidInputException if the bytes are not a JSON object or break the type's schema
   */
  static ObjectNode check(String predicateType, Bytes json) throws InvalidInputException {
    JsonNode node = Json.read(json, "predicate " + predicateType);
    if (!node.isObject()) {
      throw new InvalidInputException(
          "read predicate "
              + predicateType
              + ": not a JSON object (got "
              + node.getNodeType()
              + ")");
    }
    ObjectNode predicate = (ObjectNode) node;
    switch (predicateType) {
      case PredicateTypes.SLSA_PROVENANCE_V1:
        SlsaProvenanceV1.from(predicate);
        break;
      case PredicateTypes.COSIGN_VULN_V1:
        CosignVulnV1.from(predicate);
        break;
      case PredicateTypes.CUSTODY_APPROVAL_V1:
        ApprovalPredicate.from(predicate);
        break;
      case PredicateTypes.CUSTODY_PROMOTION_V1:
        PromotionPredicate.from(predicate);
        break;
      default:
        break;
    }
    return predicate;
  }
}
