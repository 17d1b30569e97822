/**
 * Notary Project (notation) signatures: recognising signature manifests; the trust policy and
 * trust store in {@code trust}; envelope integrity and the trust checks in {@code verify} (the
 * envelope itself is parsed by {@code dev.custody.core.internal.formats.notary}). FORMATS.md §5.
 */
package dev.custody.core.internal.notary;
