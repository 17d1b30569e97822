package dev.custody.store;

/**
 * What an attachment of an image is, as far as its storage tells (its tag suffix, artifact type or
 * annotations). The kind is read from unverified metadata: it says where to look, not what to
 * trust.
 *
 * @since 0.1
 */
public enum AttachmentKind {
  /** A signature: cosign {@code .sig}, a Sigstore bundle of {@code cosign sign}, a Notary signature. */
  SIGNATURE("signature"),
  /** An attestation: cosign {@code .att}, a Sigstore bundle of another predicate type, in-toto. */
  ATTESTATION("attestation"),
  /** A software bill of materials: cosign {@code .sbom}, an SPDX or CycloneDX referrer. */
  SBOM("sbom"),
  /** Any other referrer. */
  OTHER("other");

  private final String id;

  AttachmentKind(String id) {
    this.id = id;
  }

  /** {@return the name used in JSON output, e.g. {@code signature}} */
  public String id() {
    return id;
  }
}
