/**
 * Notary Project trust configuration: notation's trust policy document (strict reader, statement
 * selection by registry scope, verification levels and overrides) and the trust store directory
 * layout. Pure data and file reading; the checks themselves live in
 * {@code dev.custody.core.internal.notary.verify}. FORMATS.md §5.7.
 */
package dev.custody.core.internal.notary.trust;
