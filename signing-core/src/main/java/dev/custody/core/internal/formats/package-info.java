/**
 * Wire-format codecs: pure functions between exact bytes and typed values for cosign simple signing
 * and signature images, DSSE, in-toto statements and predicates, Sigstore bundles and Notary
 * Project JWS envelopes (FORMATS.md §3, §5, §6). Nothing here does I/O or talks to a registry;
 * every parser reads through {@link dev.custody.core.internal.json.Json#read} and keeps the exact
 * bytes it was given.
 */
package dev.custody.core.internal.formats;
