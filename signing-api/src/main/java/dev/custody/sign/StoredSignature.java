package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import dev.custody.policy.EvidenceStorage;

/**
 * One signature or attestation Custody stored.
 *
 * @param subject the digest of the manifest it signs
 * @param storage how it is stored
 * @param location where: the tag ({@code sha256-<hex>.sig}) or the referrer manifest digest
 * @param manifest the digest of the manifest that now holds it
 */
public record StoredSignature(Digest subject, EvidenceStorage storage, String location, Digest manifest) {
  /**
   * Validates the components.
   *
   * @param subject the digest of the manifest it signs
   * @param storage how it is stored
   * @param location where: the tag ({@code sha256-<hex>.sig}) or the referrer manifest digest
   * @param manifest the digest of the manifest that now holds it
   */
  public StoredSignature {
    requireNonNull(subject, "subject");
    requireNonNull(storage, "storage");
    requireNonNull(location, "location");
    requireNonNull(manifest, "manifest");
  }
}
