package dev.custody.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.oci.Platform;
import dev.custody.policy.Evidence;
import java.util.List;
import java.util.Optional;

/**
 * The signatures examined for one platform manifest of an index.
 *
 * @param platform the platform of the index entry, if it names one
 * @param digest the platform manifest's digest
 * @param examined every signature examined, verified or not
 */
public record PlatformSignatures(Optional<Platform> platform, Digest digest, List<Evidence> examined) {
  /**
   * Validates and copies the components.
   *
   * @param platform the platform of the index entry, if it names one
   * @param digest the platform manifest's digest
   * @param examined every signature examined, verified or not
   */
  public PlatformSignatures {
    requireNonNull(platform, "platform");
    requireNonNull(digest, "digest");
    examined = List.copyOf(requireNonNull(examined, "examined"));
  }

  /** {@return whether at least one examined signature verified} */
  public boolean verified() {
    return examined.stream().anyMatch(Evidence::isVerified);
  }
}
