/**
 * Attestations (FORMATS.md §3.7, §3.10, §6): in-toto statements signed as DSSE envelopes, written
 * as cosign {@code .att} layers or Sigstore bundle referrers, discovered in both modes, and
 * verified signature first; and the custody verification that gathers signatures and attestations
 * for the policy engine.
 */
package dev.custody.core.internal.attach.attest;
