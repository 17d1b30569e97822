/**
 * Notary Project (notation) signatures: recognising signature manifests; the trust policy and
 * trust store in {@code trust}; the checks in {@code verify}; an interim envelope reader in
 * {@code envelope}. FORMATS.md §5.
 */
package dev.custody.core.internal.notary;
