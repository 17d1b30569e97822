/**
 * Keys, signers and verifiers: the {@link dev.custody.sign.Signer} SPI (file keys, PKCS#11, KMS)
 * and the exceptions of signing and verification. The algorithm is always fixed by the key, never
 * taken from a signature or its headers.
 */
package dev.custody.sign;
