package dev.custody.core.internal.formats.intoto;

import static dev.custody.core.internal.formats.intoto.PredicateFields.optionalString;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.Rfc3339;
import java.time.Instant;
import java.util.Optional;

/**
 * Custody's approval predicate {@value PredicateTypes#CUSTODY_APPROVAL_V1} (POLICY.md): who
 * approved the statement's subject, when, and optionally for which environment, why and under which
 * ticket. {@code approver} and {@code approvedAt} are required. The digest approved is the
 * statement's subject, not a predicate field.
 *
 * @param approver who approved, e.g. an e-mail address; not empty
 * @param approvedAt when (the signed time, POLICY.md)
 * @param environment the environment approved for
 * @param reason a free-text reason
 * @param ticket a change ticket reference
 */
public record ApprovalPredicate(
    String approver,
    Instant approvedAt,
    Optional<String> environment,
    Optional<String> reason,
    Optional<String> ticket) {
  private static final String WHAT = "approval predicate";

  /** Checks the components. */
  public ApprovalPredicate {
    requireNonNull(approver, "approver");
    requireNonNull(approvedAt, "approvedAt");
    requireNonNull(environment, "environment");
    requireNonNull(reason, "reason");
    requireNonNull(ticket, "ticket");
    if (approver.isEmpty()) {
      throw new IllegalArgumentException("approver must not be empty");
    }
  }

  /** {@return an approval with only the required fields} */
  public static ApprovalPredicate of(String approver, Instant approvedAt) {
    return new ApprovalPredicate(
        approver, approvedAt, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@return the predicate JSON: approver, approvedAt, then the optional fields that are set} */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("approver", approver);
    o.put("approvedAt", Rfc3339.format(approvedAt));
    environment.ifPresent(v -> o.put("environment", v));
    reason.ifPresent(v -> o.put("reason", v));
    ticket.ifPresent(v -> o.put("ticket", v));
    return o;
  }

  /**
   * Validates a predicate read from a statement.
   *
   * @param predicate the predicate object
   * @return the approval
   * @throws InvalidInputException naming the first missing or mistyped field
   */
  public static ApprovalPredicate from(ObjectNode predicate) throws InvalidInputException {
    JsonView root = JsonView.of(predicate, WHAT).object();
    return new ApprovalPredicate(
        root.field("approver").nonEmptyString(),
        root.field("approvedAt").timestamp(),
        optionalString(root, "environment"),
        optionalString(root, "reason"),
        optionalString(root, "ticket"));
  }
}
