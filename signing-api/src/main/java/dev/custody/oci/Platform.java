package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The platform of an image index entry (image-spec image-index.md). Optional text parts are the
 * empty string when absent.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param variant the CPU variant, e.g. {@code v8}, or empty
 * @param osVersion the operating system version, or empty
 * @param osFeatures required operating system features, possibly empty
 */
public record Platform(
    String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

  /**
   * Validates and copies the components.
   *
   * @param os the operating system, e.g. {@code linux}
   * @param architecture the CPU architecture, e.g. {@code amd64}
   * @param variant the CPU variant, e.g. {@code v8}, or empty
   * @param osVersion the operating system version, or empty
   * @param osFeatures required operating system features, possibly empty
   */
  public Platform {
    requireNonNull(os, "os");
    requireNonNull(architecture, "architecture");
    requireNonNull(variant, "variant");
    requireNonNull(osVersion, "osVersion");
    osFeatures = Checks.listCopy(osFeatures, "osFeatures");
    if (os.isEmpty()) {
      throw new IllegalArgumentException("invalid platform: os must not be empty");
    }
    if (architecture.isEmpty()) {
      throw new IllegalArgumentException("invalid platform: architecture must not be empty");
    }
  }

  /**
   * {@return the platform {@code os/architecture}}
   *
   * @param os the operating system, e.g. {@code linux}; not empty
   * @param architecture the CPU architecture, e.g. {@code amd64}; not empty
   */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, "", "", List.of());
  }

  /**
   * Parses {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}.
   *
   * @param text the platform string
   * @return the platform
   * @throws IllegalArgumentException if the text has not two or three non-empty parts
   */
  public static Platform parse(String text) {
    requireNonNull(text, "text");
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || List.of(parts).contains("")) {
      throw new IllegalArgumentException(
          "invalid platform \"" + Digest.shorten(text) + "\": expected os/architecture[/variant]");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "", "", List.of());
  }

  /** {@return {@code os/architecture[/variant]}} */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
