package dev.custody.core.internal.attach.notation;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.core.internal.notary.verify.SignerInfo;
import dev.custody.oci.Digest;

/**
 * A Notary envelope whose signature verified with its leaf key, whose chain is well formed and
 * whose signed {@code targetArtifact} names the image: what {@link EnvelopeIntegrity} yields. Its
 * signer is not trusted yet.
 *
 * @param manifest the signature manifest's digest
 * @param envelope the exact envelope bytes
 * @param info what the envelope says
 * @param payload the exact signed payload bytes
 */
record VerifiedEnvelope(Digest manifest, Bytes envelope, SignerInfo info, Bytes payload) {
  VerifiedEnvelope {
    requireNonNull(manifest, "manifest");
    requireNonNull(envelope, "envelope");
    requireNonNull(info, "info");
    requireNonNull(payload, "payload");
  }
}
