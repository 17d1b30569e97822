package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Which manifests of an image index must satisfy the policy (the policy's {@code platforms} key).
 * For an image that is a single manifest the mode does not matter: that manifest must satisfy it.
 */
public enum PlatformMode {
  /** Only the index itself (the digest that is deployed). */
  INDEX,
  /** Every platform manifest the index lists; evidence on the index itself is not required. */
  ALL,
  /** The index and every platform manifest. */
  BOTH;

  /** {@return the spelling used in policy files: {@code index}, {@code all} or {@code both}} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the mode spelled {@code id} in a policy file, or empty if there is none}
   *
   * @param id the policy-file spelling, matched exactly: {@code index}, {@code all} or
   *     {@code both}
   */
  public static Optional<PlatformMode> fromId(String id) {
    requireNonNull(id, "id");
    for (PlatformMode mode : values()) {
      if (mode.id().equals(id)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
