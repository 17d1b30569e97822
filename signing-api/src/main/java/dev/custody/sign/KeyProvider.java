package dev.custody.sign;

/**
 * Turns {@link KeyRef}s into signers and verifiers. A service-provider interface: Custody's core
 * supplies one for key files (PEM and cosign's encrypted format), and embedders add their own for
 * PKCS#11 tokens or cloud key services, either passing it explicitly or registering it for
 * {@link java.util.ServiceLoader}. Explicitly given providers are asked first.
 *
 * <p>Implementations must be thread-safe and must not keep passwords after a call returns.
 *
 * <p><b>Security guarantees</b> an implementation must give: the algorithm of a returned
 * {@link Signer} or {@link Verifier} is fixed by the key (and, for RSA, by the provider's
 * documented choice), never by data being signed or verified.
 *
 * @since 0.1
 */
public interface KeyProvider {

  /**
   * Says whether this provider understands {@code ref}, usually by its {@link KeyRef#scheme()}.
   *
   * @param ref the reference
   * @return whether {@link #signer} and {@link #verifier} may be called with it
   */
  boolean supports(KeyRef ref);

  /**
   * Opens the private key {@code ref} names.
   *
   * @param ref the reference
   * @param passwords where to get a password if the key is encrypted; the provider zeroes it
   * @return a signer
   * @throws KeyException if the key cannot be found, read, decrypted or used; the message names
   *     {@code ref} and never the password
   */
  Signer signer(KeyRef ref, PasswordSource passwords) throws KeyException;

  /**
   * Opens the public key (or certificate) {@code ref} names as the trusted key of a verifier.
   *
   * @param ref the reference
   * @return a verifier
   * @throws KeyException if the key cannot be found, read or used
   */
  Verifier verifier(KeyRef ref) throws KeyException;
}
