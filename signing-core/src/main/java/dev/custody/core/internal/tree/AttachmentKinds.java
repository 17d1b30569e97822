package dev.custody.core.internal.tree;

import dev.custody.oci.Descriptor;
import dev.custody.store.AttachmentKind;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a referrer by its artifact type and annotations (FORMATS.md §3.9, §3.10, §5.1). The
 * result is a label for listing, never a basis for trust.
 */
final class AttachmentKinds {
  static final String BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";
  static final String BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
  /** The predicate type of {@code cosign sign} bundles (FORMATS.md §3.10). */
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";

  private static final Set<String> SIGNATURES =
      Set.of(
          "application/vnd.cncf.notary.signature",
          "application/vnd.dev.cosign.artifact.sig.v1+json");
  private static final Set<String> ATTESTATIONS = Set.of("application/vnd.in-toto+json");
  private static final Set<String> SBOMS =
      Set.of(
          "application/vnd.dev.cosign.artifact.sbom.v1+json",
          "application/spdx+json",
          "text/spdx",
          "text/spdx+json",
          "application/vnd.cyclonedx+json",
          "application/vnd.cyclonedx+xml",
          "application/vnd.syft+json");

  private AttachmentKinds() {}

  /** {@return the kind of a referrer} */
  static AttachmentKind ofReferrer(Descriptor referrer) {
    String type = referrer.artifactType().map(Object::toString).orElse("");
    if (type.startsWith(BUNDLE_PREFIX)) {
      // cosign v3 stores signatures and attestations alike as bundles; the predicate type tells.
      Optional<String> predicate = referrer.annotation(BUNDLE_PREDICATE_TYPE);
      return predicate.isEmpty() || predicate.get().equals(COSIGN_SIGN_PREDICATE)
          ? AttachmentKind.SIGNATURE
          : AttachmentKind.ATTESTATION;
    }
    if (SIGNATURES.contains(type)) {
      return AttachmentKind.SIGNATURE;
    }
    if (ATTESTATIONS.contains(type)) {
      return AttachmentKind.ATTESTATION;
    }
    if (SBOMS.contains(type)) {
      return AttachmentKind.SBOM;
    }
    return AttachmentKind.OTHER;
  }
}
