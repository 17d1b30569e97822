package dev.custody.sign;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Makes signatures with one private key. A service-provider interface: Custody implements it for
 * key files, and embedders implement it for keys that never leave a device or service (PKCS#11
 * tokens, cloud KMS), typically by overriding {@link #signDigest} alone, since such services sign
 * a digest computed by the caller.
 *
 * <pre>{@code
 * Signer signer = keyProvider.signer(KeyRef.parse("cosign.key"), PasswordSource.systemEnvironment());
 * Bytes signature = signer.sign(payload);
 * }</pre>
 *
 * <p>Implementations must override at least one of {@link #sign} and {@link #signDigest}; the
 * default {@code sign} hashes the message with the algorithm's hash and calls {@code signDigest}.
 * Implementations must be thread-safe.
 *
 * <p><b>Security guarantees:</b> the algorithm is fixed by the key: {@link #algorithm()} equals
 * {@code publicKey().algorithm()} and never changes, so a signature can always be checked with a
 * {@link Verifier} built from {@link #publicKey()}. A signer never exposes its private key, and
 * its {@code toString} never contains key material.
 *
 * @since 0.1
 */
public interface Signer {

  /** {@return the public half of the key, bound to the algorithm this signer uses} */
  PublicKeyInfo publicKey();

  /** {@return the algorithm of every signature this signer makes} */
  default SignatureAlgorithm algorithm() {
    return publicKey().algorithm();
  }

  /** {@return the identifier of the key (by default cosign's key hint)} */
  default KeyId keyId() {
    return publicKey().keyId();
  }

  /**
   * Signs {@code message}: the exact bytes, hashed with the algorithm's hash where it has one.
   * The encoding of the result is described on {@link SignatureAlgorithm} (ECDSA: ASN.1 DER).
   *
   * @param message the bytes to sign
   * @return the signature
   * @throws SigningException if the key or the service holding it fails
   */
  default Bytes sign(Bytes message) throws SigningException {
    SignatureAlgorithm algorithm = algorithm();
    String digestName =
        algorithm
            .digestName()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        getClass().getName() + " must override sign() for " + algorithm));
    try {
      MessageDigest md = MessageDigest.getInstance(digestName);
      return signDigest(Bytes.of(md.digest(message.toByteArray())));
    } catch (NoSuchAlgorithmException e) {
      throw new SigningException(Reason.UNSUPPORTED, "sign: no " + digestName + " in the JDK", e);
    }
  }

  /**
   * Signs a digest the caller computed with the algorithm's hash
   * ({@link SignatureAlgorithm#digestName()}), so that large content need not travel to a remote
   * signer. The result equals what {@link #sign} returns for the message with this digest (up to
   * the randomness of ECDSA and PSS).
   *
   * @param digest the hash of the message, {@link SignatureAlgorithm#digestLength()} bytes long
   * @return the signature
   * @throws SigningException with {@link Reason#UNSUPPORTED} if the algorithm signs whole
   *     messages only (pure Ed25519) or the implementation cannot sign digests, or if signing fails
   * @throws IllegalArgumentException if {@code digest} has the wrong length
   */
  default Bytes signDigest(Bytes digest) throws SigningException {
    throw new SigningException(
        Reason.UNSUPPORTED,
        "sign digest with " + algorithm() + ": this signer signs whole messages only",
        null);
  }
}
