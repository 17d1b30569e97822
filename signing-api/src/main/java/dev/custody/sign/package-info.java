/**
 * Keys, signers and verifiers. {@link dev.custody.sign.Signer} and
 * {@link dev.custody.sign.KeyProvider} are service-provider interfaces (key files, PKCS#11, KMS);
 * {@link dev.custody.sign.Verifier} checks signatures against one trusted
 * {@link dev.custody.sign.PublicKeyInfo}; {@link dev.custody.sign.SignatureAlgorithm} is the closed
 * set of vetted algorithms; {@link dev.custody.sign.PasswordSource} supplies key passwords as
 * {@code char[]}.
 *
 * <p><b>Security guarantees:</b> the algorithm is always fixed by the key, never taken from a
 * signature or its headers; verification returns normally or throws, never a boolean; passwords
 * and key material never appear in messages, logs or {@code toString}.
 */
package dev.custody.sign;
