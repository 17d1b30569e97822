package dev.custody.core.internal.formats.notary;

import dev.custody.Bytes;
import dev.custody.sign.SigningException;

/**
 * A local stand-in for Custody's signer SPI, so the Notary codec does not depend on it: signs a
 * message with a key whose algorithm the caller states separately (a {@link JwsAlgorithm}). For ES*
 * the result is the JCA (ASN.1 DER) ECDSA signature, which the envelope builder transcodes to the
 * raw {@code R||S} JWS requires; for PS* it is the RSASSA-PSS signature (MGF1 with the same hash,
 * salt length = hash length).
 */
@FunctionalInterface
public interface RawSigner {
  /**
   * Signs a message (the JWS signing input).
   *
   * @param message the bytes to sign; the signer hashes them
   * @return the signature
   * @throws SigningException if the key cannot sign
   */
  Bytes sign(Bytes message) throws SigningException;
}
