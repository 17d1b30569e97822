package dev.custody.sign;

import dev.custody.Bytes;

/**
 * Checks signatures against one trusted public key, with the one algorithm that key is trusted
 * for.
 *
 * <pre>{@code
 * Verifier verifier = keyProvider.verifier(KeyRef.parse("cosign.pub"));
 * verifier.verify(payload, signature);   // returns normally only for a valid signature
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 *
 * <p><b>Security guarantees:</b> {@link #verify} returns normally only if {@code signature} is a
 * valid signature of exactly {@code message} under {@link #publicKey()} with
 * {@link #algorithm()}; there is no boolean to forget to check. The algorithm comes from the key
 * alone and never from the signature, its encoding or any header, so a signature made with another
 * algorithm or a key of another type is refused. ECDSA signatures must be strict DER; RSA
 * signatures must be exactly as long as the modulus.
 *
 * @since 0.1
 */
public interface Verifier {

  /** {@return the trusted key, bound to its algorithm} */
  PublicKeyInfo publicKey();

  /** {@return the algorithm signatures must use} */
  default SignatureAlgorithm algorithm() {
    return publicKey().algorithm();
  }

  /** {@return the identifier of the trusted key} */
  default KeyId keyId() {
    return publicKey().keyId();
  }

  /**
   * Verifies a signature.
   *
   * @param message the exact bytes that were signed
   * @param signature the signature, encoded as {@link SignatureAlgorithm} describes
   * @throws VerificationException with reason {@code VERIFICATION_FAILED} if the signature is
   *     malformed or does not verify; the message names the key's id and algorithm
   */
  void verify(Bytes message, Bytes signature) throws VerificationException;
}
