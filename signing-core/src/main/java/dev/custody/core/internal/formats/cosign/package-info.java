/**
 * cosign's legacy formats (FORMATS.md §3.1–§3.7): the simple signing payload, the {@code
 * sha256-<hex>.sig/.att} tag names, the signature and attestation layers with their annotations,
 * and the signature image (synthetic config plus one layer per signature).
 */
package dev.custody.core.internal.formats.cosign;
