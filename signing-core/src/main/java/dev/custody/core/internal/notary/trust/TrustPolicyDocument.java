package dev.custody.core.internal.notary.trust;

import dev.custody.InvalidInputException;
import java.util.List;

/**
 * A validated OCI trust policy document ({@code trustpolicy.json} / {@code trustpolicy.oci.json},
 * version 1.0). Read it with {@link TrustPolicyReader}.
 *
 * @param statements the statements, in document order
 */
public record TrustPolicyDocument(List<TrustPolicyStatement> statements) {
  /** Copies. */
  public TrustPolicyDocument {
    statements = List.copyOf(statements);
  }

  /**
   * Selects the statement for an artifact in repository {@code scope}: the statement listing that
   * exact scope, else the global {@code "*"} statement (notation-go
   * {@code trustpolicy.GetApplicableTrustPolicy}; FORMATS.md §5.7 "Policy selection").
   *
   * @param scope the artifact's repository, {@code host[:port]/path} without tag or digest, or a
   *     local scope such as {@code local/e2e} for an OCI layout
   * @return the statement
   * @throws InvalidInputException if no statement applies; the message names the scope
   */
  public TrustPolicyStatement select(String scope) throws InvalidInputException {
    TrustPolicyStatement global = null;
    for (TrustPolicyStatement statement : statements) {
      if (statement.isGlobal()) {
        global = statement;
      } else if (statement.registryScopes().contains(scope)) {
        return statement;
      }
    }
    if (global != null) {
      return global;
    }
    throw new InvalidInputException(
        "select trust policy for "
            + Truncate.of(scope)
            + ": the artifact has no applicable trust policy statement"
            + " (no statement lists this registry scope and there is no \"*\" statement)");
  }
}
