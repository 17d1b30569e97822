package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.oci.Platform;
import java.util.List;

/**
 * The evidence found for one platform manifest of an image index.
 *
 * @param platform the platform the index lists for the manifest
 * @param digest the platform manifest's digest
 * @param evidence every candidate found for that manifest, verified or rejected
 */
public record PlatformEvidence(Platform platform, Digest digest, List<Evidence> evidence) {
  /**
   * Validates and copies the components.
   *
   * @param platform the platform the index lists for the manifest
   * @param digest the platform manifest's digest
   * @param evidence every candidate found for that manifest, verified or rejected
   */
  public PlatformEvidence {
    requireNonNull(platform, "platform");
    requireNonNull(digest, "digest");
    evidence = List.copyOf(requireNonNull(evidence, "evidence"));
  }
}
