package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A reference {@code <type>:<name>} from a statement's {@code trustStores}.
 *
 * @param type the store type
 * @param name the named store; matches {@code [a-zA-Z0-9_.-]+} and is neither {@code .} nor
 *     {@code ..}
 */
public record TrustStoreRef(TrustStoreType type, String name) {
  /** notation-go {@code internal/file.IsValidFileName}. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  /** Validates. */
  public TrustStoreRef {
    requireNonNull(type, "type");
    requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException("trust store name " + name + " is not valid");
    }
  }

  /**
   * {@return whether {@code name} can name a store} Stricter than notation-go in one point: the
   * regex admits {@code .} and {@code ..}, which would leave the type directory; Custody refuses
   * them.
   */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  @Override
  public String toString() {
    return type.directoryName() + ":" + name;
  }
}
