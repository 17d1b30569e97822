package dev.custody.core.internal.formats.intoto;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.oci.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto statement (statement.md): its type, the subjects it is about, the predicate type and
 * the predicate kept as a JSON tree. Immutable: the predicate is copied in and out.
 */
public final class Statement {
  /** The statement type Custody writes. */
  public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";

  /** The statement type cosign still writes; accepted on read (FORMATS.md §3.7). */
  public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";

  private final String type;
  private final List<ResourceDescriptor> subjects;
  private final String predicateType;
  private final ObjectNode predicate;

  private Statement(
      String type, List<ResourceDescriptor> subjects, String predicateType, ObjectNode predicate) {
    this.type = requireNonNull(type, "type");
    this.subjects = List.copyOf(subjects);
    this.predicateType = requireNonNull(predicateType, "predicateType");
    this.predicate = requireNonNull(predicate, "predicate").deepCopy();
    if (this.subjects.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("a statement needs a predicate type");
    }
  }

  /**
   * Makes a v1 statement.
   *
   * @param subjects at least one subject
   * @param predicateType the predicate type URI
   * @param predicate the predicate object (copied)
   * @return the statement
   */
  public static Statement of(
      List<ResourceDescriptor> subjects, String predicateType, ObjectNode predicate) {
    return new Statement(TYPE_V1, subjects, predicateType, predicate);
  }

  /** {@return a statement with an explicit {@code _type}; the codec's reader uses this} */
  static Statement withType(
      String type, List<ResourceDescriptor> subjects, String predicateType, ObjectNode predicate) {
    return new Statement(type, subjects, predicateType, predicate);
  }

  /** {@return the {@code _type} URI} */
  public String type() {
    return type;
  }

  /** {@return the subjects, at least one} */
  public List<ResourceDescriptor> subjects() {
    return subjects;
  }

  /** {@return the predicate type URI} */
  public String predicateType() {
    return predicateType;
  }

  /** {@return a copy of the predicate (an empty object when the statement had none)} */
  public ObjectNode predicate() {
    return predicate.deepCopy();
  }

  /** {@return whether some subject's DigestSet names exactly {@code digest}; names do not count} */
  public boolean hasSubject(Digest digest) {
    requireNonNull(digest, "digest");
    return subjects.stream().anyMatch(s -> s.matches(digest));
  }

  /** {@return the predicate node at an RFC 6901 pointer, or a missing node} */
  public JsonNode at(String jsonPointer) {
    return predicate.at(jsonPointer).deepCopy();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Statement)) {
      return false;
    }
    Statement s = (Statement) o;
    return type.equals(s.type)
        && subjects.equals(s.subjects)
        && predicateType.equals(s.predicateType)
        && predicate.equals(s.predicate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, subjects, predicateType, predicate);
  }

  @Override
  public String toString() {
    return "Statement[" + predicateType + ", " + subjects.size() + " subjects]";
  }
}
