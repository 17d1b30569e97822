package dev.custody.core.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.policy.Condition;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.Scalar;
import java.util.Optional;

/**
 * Evaluates one {@link Condition} against verified content (POLICY.md "Conditions"). Types must
 * agree: a string operand equals only a JSON string, a number only a JSON number (compared
 * numerically, so {@code 0} equals {@code 0.0}), a boolean only a JSON boolean. A field the
 * pointer does not find fails every operator except {@code exists: false}.
 */
final class ConditionCheck {
  /** Strings longer than this are not run through a policy's regular expression. */
  static final int MAX_MATCHED_LENGTH = 64 * 1024;

  /** A failed condition: the reason (CONDITION_FAILED or LIMIT_EXCEEDED) and an explanation. */
  record Failure(ReasonCode reason, String detail) {}

  private ConditionCheck() {}

  /** {@return empty if {@code content} meets {@code condition}, else why not} */
  static Optional<Failure> check(Condition condition, JsonNode content) {
    JsonNode node = content.at(condition.pointer());
    boolean missing = node.isMissingNode();
    String expected = condition.operator().keyword() + " " + operandText(condition);
    if (condition.operator() == Condition.Operator.EXISTS) {
      boolean wanted = Boolean.parseBoolean(condition.operands().get(0).text());
      return wanted == !missing
          ? Optional.empty()
          : fail(condition.pointer() + (missing ? " is missing" : " is present") + " (expected exists " + wanted + ")");
    }
    if (missing) {
      return fail(condition.pointer() + " is missing (expected " + expected + ")");
    }
    String got = condition.pointer() + " is " + valueText(node);
    switch (condition.operator()) {
      case EQUALS:
        return equal(condition.operands().get(0), node) ? Optional.empty() : fail(got + " (expected " + expected + ")");
      case ONE_OF:
        return condition.operands().stream().anyMatch(o -> equal(o, node))
            ? Optional.empty()
            : fail(got + " (expected " + expected + ")");
      case MATCHES:
        if (!node.isTextual()) {
          return fail(got + " (expected a string that " + expected + ")");
        }
        if (node.asText().length() > MAX_MATCHED_LENGTH) {
          return Optional.of(new Failure(ReasonCode.LIMIT_EXCEEDED,
              condition.pointer() + " is longer than " + MAX_MATCHED_LENGTH + " characters; not matched"));
        }
        return condition.pattern().get().matcher(node.asText()).matches()
            ? Optional.empty()
            : fail(got + " (expected a string that " + expected + ")");
      case AT_MOST:
      case AT_LEAST:
        if (!node.isNumber()) {
          return fail(got + " (expected a number " + expected + ")");
        }
        int cmp = node.decimalValue().compareTo(condition.operands().get(0).asNumber());
        boolean ok = condition.operator() == Condition.Operator.AT_MOST ? cmp <= 0 : cmp >= 0;
        return ok ? Optional.empty() : fail(got + " (expected " + expected + ")");
      default:
        throw new AssertionError(condition.operator());
    }
  }

  /** {@return the value at the condition's pointer as compact JSON, if present} */
  static Optional<String> fact(Condition condition, JsonNode content) {
    JsonNode node = content.at(condition.pointer());
    return node.isMissingNode() ? Optional.empty() : Optional.of(valueText(node));
  }

  private static boolean equal(Scalar operand, JsonNode node) {
    switch (operand.type()) {
      case STRING:
        return node.isTextual() && node.asText().equals(operand.text());
      case NUMBER:
        return node.isNumber() && node.decimalValue().compareTo(operand.asNumber()) == 0;
      default:
        return node.isBoolean() && Boolean.toString(node.booleanValue()).equals(operand.text());
    }
  }

  private static String operandText(Condition condition) {
    return condition
        .toString()
        .substring(condition.pointer().length() + condition.operator().keyword().length() + 2);
  }

  private static String valueText(JsonNode node) {
    return PolicyErrors.shorten(node.toString(), 120);
  }

  private static Optional<Failure> fail(String detail) {
    return Optional.of(new Failure(ReasonCode.CONDITION_FAILED, detail));
  }
}
