/**
 * Sigstore bundle v0.3 JSON (FORMATS.md §6.7) and the OCI 1.1 referrer manifest cosign v3 stores
 * one bundle in (§3.10), with the in-toto statement {@code cosign sign} v3 signs.
 */
package dev.custody.core.internal.formats.bundle;
