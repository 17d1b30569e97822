/**
 * Notary Project signatures (FORMATS.md §5.1–§5.3, §5.8): the payload, the JWS envelope in JSON
 * serialisation built with Nimbus JOSE+JWT, a strict envelope reader that pins the algorithm to the
 * verifier's key, and the referrer manifest notation stores an envelope in.
 */
package dev.custody.core.internal.formats.notary;
