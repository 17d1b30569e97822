package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/** The format of an image signature. */
public enum SignatureFormat {
  /** cosign "simple signing" payload (FORMATS.md §3). */
  COSIGN,
  /** Notary Project (notation) JWS or COSE envelope (FORMATS.md §5). */
  NOTATION;

  /** {@return the spelling used in policy files and reports: {@code cosign} or {@code notation}} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the format spelled {@code id}, or empty if there is none}
   *
   * @param id the spelling, matched exactly ({@code cosign} or {@code notation})
   */
  public static Optional<SignatureFormat> fromId(String id) {
    requireNonNull(id, "id");
    for (SignatureFormat format : values()) {
      if (format.id().equals(id)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
