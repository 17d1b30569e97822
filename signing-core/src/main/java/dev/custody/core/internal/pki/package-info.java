/**
 * Certificate signers shared by every signature format: PKIX validation of a signature's chain to
 * a trusted signer's roots, the subject pattern match of POLICY.md "Signers", and the evidence
 * identities of certificates; and, for signing, the signer's own chain as cosign layer
 * annotations.
 */
package dev.custody.core.internal.pki;
