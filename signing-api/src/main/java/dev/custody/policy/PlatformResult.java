package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.oci.Platform;
import java.util.List;

/**
 * The outcome for one platform manifest of an image index, when the policy's {@code platforms}
 * is {@code all} or {@code both}.
 *
 * @param platform the platform
 * @param digest the platform manifest's digest
 * @param verdict whether every stage is satisfied for this manifest
 * @param stages the stage results for this manifest, in policy order
 */
public record PlatformResult(
    Platform platform, Digest digest, Verdict verdict, List<StageResult> stages) {
  /**
   * Validates and copies the components.
   *
   * @param platform the platform
   * @param digest the platform manifest's digest
   * @param verdict whether every stage is satisfied for this manifest
   * @param stages the stage results for this manifest, in policy order
   */
  public PlatformResult {
    requireNonNull(platform, "platform");
    requireNonNull(digest, "digest");
    requireNonNull(verdict, "verdict");
    stages = List.copyOf(requireNonNull(stages, "stages"));
  }
}
