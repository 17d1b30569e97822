/**
 * Attestations: signed in-toto statements about an image, stored next to it and verified again.
 *
 * <p>{@link dev.custody.Custody#attest} wraps a predicate in an in-toto Statement v1 whose only
 * subject is the image's digest, signs it as a DSSE envelope and stores it in the mode {@link
 * dev.custody.attest.AttestOptions} chooses (cosign's {@code .att} tag, or an OCI 1.1 referrer
 * holding a Sigstore bundle). {@link dev.custody.Custody#verifyAttestations} reads every storage
 * mode and returns an {@link dev.custody.attest.AttestationReport} listing every candidate
 * examined. {@link dev.custody.attest.PredicateTypes} resolves the short names the CLI accepts
 * ({@code slsaprovenance1}, {@code vuln}, …) to predicate type URIs.
 *
 * <p>All types are immutable, thread-safe and null-free.
 */
package dev.custody.attest;
