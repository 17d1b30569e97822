/**
 * Notary Project signatures (FORMATS.md §5): signing writes a JWS envelope ({@code notary.x509},
 * the signer's certificate chain in {@code x5c}) in an OCI 1.1 referrer manifest of artifact type
 * {@code application/vnd.cncf.notary.signature}; verification discovers those referrers (OCI 1.1
 * and legacy form, through the referrers API, its tag-schema fallback, or a layout's {@code
 * subject} index), checks each envelope's integrity, and then trusts it through a notation trust
 * policy and trust store, through Custody's trusted signers, or both.
 */
package dev.custody.core.internal.attach.notation;
