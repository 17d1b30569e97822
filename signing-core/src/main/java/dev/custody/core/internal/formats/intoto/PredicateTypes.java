package dev.custody.core.internal.formats.intoto;

/** Predicate type URIs Custody writes or recognises (FORMATS.md §6.3, POLICY.md). */
public final class PredicateTypes {
  /** SLSA Provenance v1 (§6.2). */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

  /** SLSA Provenance v0.2 (cosign {@code --type slsaprovenance}). */
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";

  /** cosign's vulnerability predicate (§6.5). */
  public static final String COSIGN_VULN_V1 = "https://cosign.sigstore.dev/attestation/vuln/v1";

  /** cosign's default custom predicate. */
  public static final String COSIGN_CUSTOM_V1 = "https://cosign.sigstore.dev/attestation/v1";

  /** in-toto vulns v0.2 (§6.6), the versioned form Custody writes. */
  public static final String IN_TOTO_VULNS_V02 = "https://in-toto.io/attestation/vulns/v0.2";

  /** in-toto vulns as its specification header spells it (unversioned); accepted on read. */
  public static final String IN_TOTO_VULNS = "https://in-toto.io/attestation/vulns";

  /** The statement cosign v3 signs for {@code cosign sign} (§3.10). */
  public static final String COSIGN_SIGN_V1 = "https://sigstore.dev/cosign/sign/v1";

  /** Custody's approval predicate (POLICY.md). */
  public static final String CUSTODY_APPROVAL_V1 = "https://custody.dev/attestation/approval/v1";

  /** Custody's promotion predicate (POLICY.md). */
  public static final String CUSTODY_PROMOTION_V1 = "https://custody.dev/attestation/promotion/v1";

  /** SPDX documents. */
  public static final String SPDX = "https://spdx.dev/Document";

  /** CycloneDX documents. */
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";

  /** in-toto links. */
  public static final String IN_TOTO_LINK_V1 = "https://in-toto.io/Link/v1";

  /** OpenVEX documents. */
  public static final String OPENVEX = "https://openvex.dev/ns";

  private PredicateTypes() {}
}
