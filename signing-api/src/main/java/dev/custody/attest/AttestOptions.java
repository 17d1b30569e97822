package dev.custody.attest;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.sign.ReferrersMode;
import java.util.List;

/**
 * How to store an attestation: in cosign's legacy {@code sha256-<hex>.att} tag (the default, what
 * cosign up to v2 and most verifiers read) or as an OCI 1.1 referrer carrying a Sigstore bundle
 * v0.3 (cosign v3), whether every platform manifest of an index is attested too, and the signer's
 * certificate chain to store with a legacy attestation. Verification always reads both storage
 * modes. Immutable and thread-safe.
 */
public final class AttestOptions {
  private static final AttestOptions DEFAULTS = builder().build();

  private final ReferrersMode referrersMode;
  private final boolean recursive;
  private final List<Bytes> certificateChain;

  private AttestOptions(Builder b) {
    this.referrersMode = b.referrersMode;
    this.recursive = b.recursive;
    this.certificateChain = b.certificateChain;
  }

  /** {@return legacy {@code .att} storage, not recursive, no certificate chain} */
  public static AttestOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return where the attestation is stored} */
  public ReferrersMode referrersMode() {
    return referrersMode;
  }

  /**
   * {@return whether an index is attested together with every manifest it lists}; each statement
   * then names exactly one manifest digest
   */
  public boolean recursive() {
    return recursive;
  }

  /**
   * {@return the signer's DER certificate chain, leaf first; empty (the default) for a key-only
   * attestation} When present, attesting writes it into the {@code .att} layer's {@code
   * dev.sigstore.cosign/certificate} and {@code dev.sigstore.cosign/chain} annotations as cosign
   * does, so certificate signers ({@code TrustedSigner.certificate}) can accept the attestation.
   */
  public List<Bytes> certificateChain() {
    return certificateChain;
  }

  @Override
  public String toString() {
    return "AttestOptions["
        + referrersMode
        + (recursive ? ", recursive" : "")
        + (certificateChain.isEmpty() ? "" : ", " + certificateChain.size() + " certificate(s)")
        + "]";
  }

  /** Builds {@link AttestOptions}. Not thread-safe. */
  public static final class Builder {
    private ReferrersMode referrersMode = ReferrersMode.LEGACY;
    private boolean recursive;
    private List<Bytes> certificateChain = List.of();

    private Builder() {}

    /**
     * Sets where the attestation is stored.
     *
     * @param value {@link ReferrersMode#LEGACY} (cosign's {@code .att} tag, the default) or
     *     {@link ReferrersMode#OCI_1_1} (a Sigstore bundle referrer)
     * @return this builder
     */
    public Builder referrersMode(ReferrersMode value) {
      this.referrersMode = requireNonNull(value, "value");
      return this;
    }

    /**
     * Attests every manifest an index lists as well as the index itself.
     *
     * @param value whether to attest the platform manifests too (default {@code false})
     * @return this builder
     */
    public Builder recursive(boolean value) {
      this.recursive = value;
      return this;
    }

    /**
     * Sets the signer's certificate chain, stored with the attestation. Only legacy {@code .att}
     * storage carries it: attesting with {@link ReferrersMode#OCI_1_1} and a chain is refused
     * (Custody's bundles are key-only), and so is a leaf whose public key is not the signer's.
     * The chain is stored as given; it is not validated until verification.
     *
     * @param derLeafFirst DER X.509 certificates, the leaf first, then intermediates up to the
     *     root; empty for none
     * @return this builder
     */
    public Builder certificateChain(List<Bytes> derLeafFirst) {
      this.certificateChain = List.copyOf(derLeafFirst);
      return this;
    }

    /** {@return the options} */
    public AttestOptions build() {
      return new AttestOptions(this);
    }
  }
}
