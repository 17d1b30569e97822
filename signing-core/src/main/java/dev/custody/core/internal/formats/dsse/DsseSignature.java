package dev.custody.core.internal.formats.dsse;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;

/**
 * One DSSE signature: the raw signature bytes over the PAE and an optional key id. The key id is an
 * unauthenticated hint (empty when unset); verifiers never choose a key from it alone.
 *
 * @param keyId the key id hint, empty when unset
 * @param sig the signature bytes (DER for ECDSA as cosign writes it, 64 raw bytes for Ed25519)
 */
public record DsseSignature(String keyId, Bytes sig) {
  /** Checks the components. */
  public DsseSignature {
    requireNonNull(keyId, "keyId");
    requireNonNull(sig, "sig");
    if (sig.isEmpty()) {
      throw new IllegalArgumentException("DSSE signature bytes must not be empty");
    }
  }

  /** {@return a signature without key id} */
  public static DsseSignature of(Bytes sig) {
    return new DsseSignature("", sig);
  }
}
