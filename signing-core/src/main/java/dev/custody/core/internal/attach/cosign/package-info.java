/**
 * cosign-format image signatures (FORMATS.md §3): written in the legacy tag scheme ({@code
 * sha256-<hex>.sig}, one layer per signature, appended without losing a concurrent signer's layer)
 * or, as cosign v3 does, as a Sigstore bundle v0.3 in an OCI 1.1 referrer (§3.10); read from both.
 *
 * <p>Every candidate is verified over its exact bytes with the trusted keys first (the algorithm is
 * the one each key is trusted for), parsed afterwards, bound to exactly the subject digest, and
 * becomes one {@link dev.custody.policy.Evidence}: verified, or rejected with a typed reason.
 */
package dev.custody.core.internal.attach.cosign;
