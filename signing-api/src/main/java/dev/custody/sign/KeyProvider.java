package dev.custody.sign;

import dev.custody.CustodyException.Reason;

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
   * Opens the private key {@code ref} names for one chosen algorithm of the key's type: an RSA key
   * for RSASSA-PSS, as Notary Project signatures require (FORMATS.md §5.5), where {@link
   * #signer(KeyRef, PasswordSource)} gives the key type's default, PKCS#1 v1.5. The caller names
   * the algorithm from what the key is (its type and size), never from data being signed.
   *
   * <p>The default implementation opens the key with {@link #signer(KeyRef, PasswordSource)} and
   * returns that signer if its algorithm is {@code algorithm}; otherwise it closes the signer (if
   * it is {@link AutoCloseable}) and throws. Providers whose keys can serve several algorithms
   * override it.
   *
   * @param ref the reference
   * @param passwords where to get a password if the key is encrypted; the provider zeroes it
   * @param algorithm the algorithm every signature of the returned signer uses
   * @return a signer whose {@link Signer#algorithm()} is {@code algorithm}
   * @throws KeyException as {@link #signer(KeyRef, PasswordSource)}, or with {@link
   *     Reason#UNSUPPORTED} if the key does not fit {@code algorithm} or the provider cannot use it
   */
  default Signer signer(KeyRef ref, PasswordSource passwords, SignatureAlgorithm algorithm)
      throws KeyException {
    java.util.Objects.requireNonNull(algorithm, "algorithm");
    Signer signer = signer(ref, passwords);
    if (signer.algorithm() == algorithm) {
      return signer;
    }
    if (signer instanceof AutoCloseable) {
      try {
        ((AutoCloseable) signer).close();
      } catch (Exception e) {
        // the signer is discarded either way; the refusal below is what the caller needs to see
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    throw new KeyException(
        Reason.UNSUPPORTED,
        "open key "
            + ref
            + " for "
            + algorithm
            + ": this key provider signs with "
            + signer.algorithm()
            + " only (expected "
            + algorithm
            + ", got "
            + signer.algorithm()
            + ")",
        null);
  }

  /**
   * Opens the public key (or certificate) {@code ref} names as the trusted key of a verifier.
   *
   * @param ref the reference
   * @return a verifier
   * @throws KeyException if the key cannot be found, read or used
   */
  Verifier verifier(KeyRef ref) throws KeyException;
}
