/**
 * Signature verification: what to trust ({@link dev.custody.verify.VerifyOptions}) and the report of
 * every signature examined ({@link dev.custody.verify.SignatureReport}). Custody policies build on
 * the same evidence (see {@link dev.custody.policy}).
 */
package dev.custody.verify;
