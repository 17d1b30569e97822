package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of caller collections that reject nulls with a message naming the parameter and the
 * offending element, where {@link List#copyOf} and {@link Map#copyOf} would say nothing.
 */
final class Checks {
  private Checks() {}

  /** {@return an unmodifiable copy of {@code values}; NPE names {@code name} or {@code name[i]}} */
  static <T> List<T> listCopy(List<T> values, String name) {
    requireNonNull(values, name);
    List<T> copy = new ArrayList<>(values.size());
    for (T value : values) {
      copy.add(requireNonNull(value, name + "[" + copy.size() + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * {@return an unmodifiable copy of {@code values} in its iteration order; NPE names
   * {@code name}, a null key or the key whose value is null}
   */
  static Map<String, String> mapCopy(Map<String, String> values, String name) {
    requireNonNull(values, name);
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          requireNonNull(key, name + " key");
          copy.put(key, requireNonNull(value, name + "[" + Digest.shorten(key) + "]"));
        });
    return Collections.unmodifiableMap(copy);
  }
}
