package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.util.Optional;

/**
 * One Notary signature found for an image: the digest of its signature manifest and either the
 * envelope its single layer holds, or why the manifest could not yield one.
 *
 * @param manifest the signature manifest's digest
 * @param envelopeType the envelope layer's media type (empty when rejected)
 * @param envelope the exact envelope bytes (empty when rejected)
 * @param rejection why no envelope could be read, if so
 */
record Candidate(
    Digest manifest,
    Optional<MediaType> envelopeType,
    Bytes envelope,
    Optional<Rejection> rejection) {
  Candidate {
    requireNonNull(manifest, "manifest");
    requireNonNull(envelopeType, "envelopeType");
    requireNonNull(envelope, "envelope");
    requireNonNull(rejection, "rejection");
  }

  static Candidate of(Digest manifest, MediaType envelopeType, Bytes envelope) {
    return new Candidate(manifest, Optional.of(envelopeType), envelope, Optional.empty());
  }

  static Candidate rejected(Digest manifest, Rejection rejection) {
    return new Candidate(manifest, Optional.empty(), Bytes.empty(), Optional.of(rejection));
  }
}
