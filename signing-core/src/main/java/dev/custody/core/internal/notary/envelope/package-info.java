/**
 * INTERIM: a minimal reader for the Notary Project JWS envelope (flattened JSON serialization,
 * FORMATS.md §5.3), so the trust evaluation can be tested against notation's own signatures
 * before the full Nimbus-based reader of {@code dev.custody.core.internal.formats} lands. Replace
 * {@link dev.custody.core.internal.notary.envelope.InterimJwsEnvelopeReader} with that reader
 * once it is on main; it produces the same
 * {@link dev.custody.core.internal.notary.verify.SignerInfo}.
 */
package dev.custody.core.internal.notary.envelope;
