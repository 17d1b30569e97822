package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A condition on signed content: a JSON Pointer (RFC 6901) into the predicate (or signed payload)
 * and one operator with its operand (POLICY.md "Conditions"). A field the pointer does not find
 * fails every operator except {@code exists: false}.
 *
 * <pre>{@code
 * Condition.atMost("/scanner/result/summary/critical", BigDecimal.ZERO)
 * Condition.matches("/buildDefinition/externalParameters/ref", "refs/(heads/main|tags/v.*)")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Condition {
  /** The operators, spelled in policy files as {@link #keyword()}. */
  public enum Operator {
    /** The field equals the operand (strings exactly, numbers numerically, booleans). */
    EQUALS("equals"),
    /** The field equals one of the operands. */
    ONE_OF("oneOf"),
    /** The field is a string that the regular expression matches as a whole. */
    MATCHES("matches"),
    /** The field is a number not greater than the operand. */
    AT_MOST("atMost"),
    /** The field is a number not less than the operand. */
    AT_LEAST("atLeast"),
    /** The field is present ({@code true}) or absent ({@code false}). */
    EXISTS("exists");

    private final String keyword;

    Operator(String keyword) {
      this.keyword = keyword;
    }

    /** {@return the key that names the operator in a policy file, e.g. {@code atMost}} */
    public String keyword() {
      return keyword;
    }

    /**
     * {@return the operator named {@code keyword} in a policy file, or empty}
     *
     * @param keyword the policy-file key, matched exactly and case-sensitively (e.g. {@code atMost})
     */
    public static Optional<Operator> fromKeyword(String keyword) {
      requireNonNull(keyword, "keyword");
      for (Operator op : values()) {
        if (op.keyword.equals(keyword)) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }
  }

  private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

  private final String pointer;
  private final Operator operator;
  private final List<Scalar> operands;
  private final Pattern pattern;

  private Condition(String pointer, Operator operator, List<Scalar> operands) {
    requireNonNull(pointer, "pointer");
    if (!POINTER.matcher(pointer).matches()) {
      throw new IllegalArgumentException(
          "invalid JSON Pointer \"" + pointer + "\": expected \"\" or /segment/… with ~0 and ~1 as"
              + " the only escapes (RFC 6901)");
    }
    this.pointer = pointer;
    this.operator = operator;
    this.operands = List.copyOf(operands);
    Pattern compiled = null;
    if (operator == Operator.MATCHES) {
      try {
        compiled = Pattern.compile(operands.get(0).text());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression \"" + operands.get(0).text() + "\": " + e.getDescription(),
            e);
      }
    }
    this.pattern = compiled;
  }

  /**
   * {@return a condition that the field equals {@code value}}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param value the value the field must equal
   */
  public static Condition equalTo(String pointer, Scalar value) {
    return new Condition(pointer, Operator.EQUALS, List.of(requireNonNull(value, "value")));
  }

  /**
   * {@return a condition that the field equals one of {@code values}}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param values the accepted values, at least one
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Condition oneOf(String pointer, List<Scalar> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("oneOf needs at least one value");
    }
    return new Condition(pointer, Operator.ONE_OF, values);
  }

  /**
   * {@return a condition that the field is a string matched as a whole by {@code regex}}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param regex a {@link Pattern} expression that must match the entire string
   * @throws IllegalArgumentException if {@code regex} is not a valid {@link Pattern}
   */
  public static Condition matches(String pointer, String regex) {
    return new Condition(pointer, Operator.MATCHES, List.of(Scalar.string(regex)));
  }

  /**
   * {@return a condition that the field is a number not greater than {@code limit}}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param limit the largest accepted value, inclusive
   */
  public static Condition atMost(String pointer, BigDecimal limit) {
    return new Condition(pointer, Operator.AT_MOST, List.of(Scalar.number(limit)));
  }

  /**
   * {@return a condition that the field is a number not less than {@code limit}}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param limit the smallest accepted value, inclusive
   */
  public static Condition atLeast(String pointer, BigDecimal limit) {
    return new Condition(pointer, Operator.AT_LEAST, List.of(Scalar.number(limit)));
  }

  /**
   * {@return a condition that the field is present ({@code true}) or absent ({@code false})}
   *
   * @param pointer the JSON Pointer (RFC 6901) to the field, {@code ""} for the whole document
   * @param present {@code true} to require the field, {@code false} to require its absence
   */
  public static Condition exists(String pointer, boolean present) {
    return new Condition(pointer, Operator.EXISTS, List.of(Scalar.bool(present)));
  }

  /** {@return the JSON Pointer (RFC 6901) into the signed content} */
  public String pointer() {
    return pointer;
  }

  /** {@return the operator} */
  public Operator operator() {
    return operator;
  }

  /**
   * {@return the operands: one for every operator except {@link Operator#ONE_OF}, which has one
   * or more; a number for atMost/atLeast, a string (the expression) for matches, a boolean for
   * exists}
   */
  public List<Scalar> operands() {
    return operands;
  }

  /** {@return the compiled expression, for {@link Operator#MATCHES}} */
  public Optional<Pattern> pattern() {
    return Optional.ofNullable(pattern);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Condition)) {
      return false;
    }
    Condition c = (Condition) o;
    return pointer.equals(c.pointer) && operator == c.operator && operands.equals(c.operands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pointer, operator, operands);
  }

  /** {@return the condition as written in a policy, e.g. {@code /a/b atMost 0}} */
  @Override
  public String toString() {
    String operand =
        operator == Operator.ONE_OF
            ? operands.stream().map(Scalar::toJson).collect(Collectors.joining(", ", "[", "]"))
            : operands.get(0).toJson();
    return pointer + " " + operator.keyword() + " " + operand;
  }
}
