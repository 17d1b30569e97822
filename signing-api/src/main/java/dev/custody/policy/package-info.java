/**
 * Chain of custody: the custody policy ({@link dev.custody.policy.CustodyPolicy}), the verified
 * evidence it is evaluated against ({@link dev.custody.policy.Evidence}) and the report that
 * explains the outcome ({@link dev.custody.policy.CustodyReport}).
 *
 * <p>The policy file format, its semantics and the report shape are a user-facing contract (the
 * project's POLICY.md); every type here mirrors one part of it. Evaluation is a pure function of
 * (evidence, policy, clock): the engine that implements it lives in {@code signing-core} and does
 * no I/O.
 *
 * <p>All types are immutable, thread-safe and null-free: absent parts are {@link
 * java.util.Optional}s or empty collections, and {@code null} arguments are rejected with a
 * {@link NullPointerException} naming the parameter.
 */
package dev.custody.policy;
