/**
 * Signing with keys on PKCS#11 tokens through the JDK's SunPKCS11 provider: RFC 7512 {@code
 * pkcs11:} URIs ({@link dev.custody.core.internal.pkcs11.Pkcs11Uri}), token and key lookup through
 * a private provider instance and its {@code PKCS11} KeyStore, and a {@link
 * dev.custody.sign.Signer} whose private key never leaves the token. Verification uses the token's
 * certificate with Custody's Bouncy Castle verifiers (faster than SunEC, PERFORMANCE.md).
 */
package dev.custody.core.internal.pkcs11;
