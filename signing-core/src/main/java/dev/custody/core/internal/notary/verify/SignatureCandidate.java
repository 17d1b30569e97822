package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.Optional;

/**
 * One signature found for an artifact: its manifest and the envelope its single layer holds, or
 * why the manifest could not yield an envelope (which is an integrity failure for it).
 *
 * @param signatureManifest digest of the signature manifest
 * @param envelopeMediaType the layer's media type (empty if unreadable)
 * @param envelope the exact envelope bytes (empty if unreadable)
 * @param problem why no envelope could be read, if so
 */
public record SignatureCandidate(
    String signatureManifest,
    String envelopeMediaType,
    Bytes envelope,
    Optional<String> problem) {

  /** Checks for nulls. */
  public SignatureCandidate {
    requireNonNull(signatureManifest, "signatureManifest");
    requireNonNull(envelopeMediaType, "envelopeMediaType");
    requireNonNull(envelope, "envelope");
    requireNonNull(problem, "problem");
  }

  /** {@return a candidate with an envelope} */
  public static SignatureCandidate of(String manifest, String mediaType, Bytes envelope) {
    return new SignatureCandidate(manifest, mediaType, envelope, Optional.empty());
  }

  /** {@return a candidate whose manifest could not yield an envelope} */
  public static SignatureCandidate unreadable(String manifest, String problem) {
    return new SignatureCandidate(manifest, "", Bytes.empty(), Optional.of(problem));
  }
}
