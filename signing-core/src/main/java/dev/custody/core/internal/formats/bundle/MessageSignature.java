package dev.custody.core.internal.formats.bundle;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.DigestAlgorithm;
import java.util.Optional;

/**
 * A bundle's {@code messageSignature}: a signature over the artifact bytes, with an informational
 * digest of them. The digest is never used to verify; verifiers hash the artifact themselves.
 *
 * @param digestAlgorithm the protobuf HashAlgorithm name, e.g. {@code SHA2_256}, if a digest is
 *     given
 * @param digest the artifact digest bytes, if given
 * @param signature the signature bytes
 */
public record MessageSignature(
    Optional<String> digestAlgorithm, Optional<Bytes> digest, Bytes signature) {
  /** Checks the components. */
  public MessageSignature {
    requireNonNull(digestAlgorithm, "digestAlgorithm");
    requireNonNull(digest, "digest");
    requireNonNull(signature, "signature");
    if (digestAlgorithm.isPresent() != digest.isPresent()) {
      throw new IllegalArgumentException("a message digest needs both algorithm and digest");
    }
    if (signature.isEmpty()) {
      throw new IllegalArgumentException("a message signature must not be empty");
    }
  }

  /** {@return a message signature over {@code artifact} with its SHA-256 digest (SHA2_256)} */
  public static MessageSignature sha256(Bytes artifact, Bytes signature) {
    Bytes digest =
        Bytes.of(DigestAlgorithm.SHA256.newMessageDigest().digest(artifact.toByteArray()));
    return new MessageSignature(Optional.of("SHA2_256"), Optional.of(digest), signature);
  }
}
