/**
 * Notary Project signature verification: integrity of the envelope and chain, authenticity
 * against a trust store (byte equality, then PKIX), trusted identity, expiry, authentic
 * timestamp, and the verification levels that decide which failures reject a signature.
 * FORMATS.md §5.3–§5.7.
 */
package dev.custody.core.internal.notary.verify;
