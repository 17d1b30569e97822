package dev.custody.core.internal.formats.cosign;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Base64s;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.MediaType;
import java.util.Optional;

/**
 * One layer of a cosign legacy signature or attestation image (FORMATS.md §3.2, §3.7): the layer
 * descriptor of the payload (simple signing) or envelope (DSSE) blob, with the signature and
 * verification material in its annotations. Immutable.
 */
public final class SignatureLayer {
  /** Base64 signature over the payload; the empty string on attestation layers. */
  public static final String SIGNATURE = "dev.cosignproject.cosign/signature";

  /** PEM leaf certificate (keyless or certificate-based signing). */
  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";

  /** PEM intermediates and root; may be empty when a certificate is set. */
  public static final String CHAIN = "dev.sigstore.cosign/chain";

  /** The Rekor bundle JSON. */
  public static final String BUNDLE = "dev.sigstore.cosign/bundle";

  /** The RFC 3161 timestamp JSON. */
  public static final String RFC3161_TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";

  /** The in-toto predicate type, on attestation layers only. */
  public static final String PREDICATE_TYPE = "predicateType";

  /** The layer media type of a DSSE envelope in an {@code .att} image. */
  public static final MediaType DSSE_MEDIA_TYPE = MediaType.of(DsseEnvelope.MEDIA_TYPE);

  private final Descriptor descriptor;
  private final Bytes signature;

  private SignatureLayer(Descriptor descriptor, Bytes signature) {
    this.descriptor = descriptor;
    this.signature = signature;
  }

  /**
   * Starts a signature layer for a simple signing payload.
   *
   * @param payload the exact payload bytes (the blob)
   * @param signature the signature over those bytes (DER for ECDSA)
   * @return a builder; not thread-safe
   */
  public static Builder signature(Bytes payload, Bytes signature) {
    requireNonNull(signature, "signature");
    if (signature.isEmpty()) {
      throw new IllegalArgumentException("a signature layer needs a signature");
    }
    return new Builder(
        Descriptor.builder(SimpleSigningPayload.MEDIA_TYPE, Digest.of(payload), payload.size()),
        signature);
  }

  /**
   * Starts an attestation layer: the signature lives inside the envelope, so the signature
   * annotation is the empty string, and the predicate type is annotated.
   *
   * @param envelope the exact DSSE envelope bytes (the blob)
   * @param predicateType the statement's predicate type URI
   * @return a builder; not thread-safe
   */
  public static Builder attestation(Bytes envelope, String predicateType) {
    requireNonNull(predicateType, "predicateType");
    Builder b =
        new Builder(
            Descriptor.builder(DSSE_MEDIA_TYPE, Digest.of(envelope), envelope.size()),
            Bytes.empty());
    b.descriptor.annotation(PREDICATE_TYPE, predicateType);
    return b;
  }

  /**
   * Reads a layer descriptor of a signature image.
   *
   * @param layer the descriptor as listed in the manifest
   * @return the layer with its decoded signature
   * @throws InvalidInputException if the signature annotation is missing or not base64
   */
  public static SignatureLayer read(Descriptor layer) throws InvalidInputException {
    requireNonNull(layer, "layer");
    String what = "cosign layer " + layer.digest();
    Optional<String> sig = layer.annotation(SIGNATURE);
    if (sig.isEmpty()) {
      throw new InvalidInputException(
          "read " + what + ": annotation " + SIGNATURE + ": missing (it is required)");
    }
    Bytes signature;
    try {
      signature = Base64s.decodeStandardOrUrl(sig.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "read "
              + what
              + ": annotation "
              + SIGNATURE
              + ": not valid base64 (\""
              + JsonView.shorten(sig.get())
              + "\")");
    }
    if (layer.mediaType().equals(DSSE_MEDIA_TYPE) && layer.annotation(PREDICATE_TYPE).isEmpty()) {
      throw new InvalidInputException(
          "read " + what + ": annotation " + PREDICATE_TYPE + ": missing (it is required)");
    }
    return new SignatureLayer(layer, signature);
  }

  /** {@return the layer descriptor, annotations included} */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** {@return the decoded signature; empty on attestation layers} */
  public Bytes signature() {
    return signature;
  }

  /** {@return whether this is a simple signing layer} */
  public boolean isSignature() {
    return descriptor.mediaType().equals(SimpleSigningPayload.MEDIA_TYPE);
  }

  /** {@return whether this is a DSSE attestation layer} */
  public boolean isAttestation() {
    return descriptor.mediaType().equals(DSSE_MEDIA_TYPE);
  }

  /** {@return the PEM leaf certificate, if any} */
  public Optional<String> certificatePem() {
    return descriptor.annotation(CERTIFICATE);
  }

  /** {@return the PEM chain, if any} */
  public Optional<String> chainPem() {
    return descriptor.annotation(CHAIN);
  }

  /** {@return the Rekor bundle JSON, if any (unparsed)} */
  public Optional<String> rekorBundle() {
    return descriptor.annotation(BUNDLE);
  }

  /** {@return the RFC 3161 timestamp JSON, if any (unparsed)} */
  public Optional<String> rfc3161Timestamp() {
    return descriptor.annotation(RFC3161_TIMESTAMP);
  }

  /** {@return the predicate type of an attestation layer} */
  public Optional<String> predicateType() {
    return descriptor.annotation(PREDICATE_TYPE);
  }

  @Override
  public String toString() {
    return "SignatureLayer[" + descriptor.mediaType() + ", " + descriptor.digest() + "]";
  }

  /** Builds a {@link SignatureLayer}. Not thread-safe. */
  public static final class Builder {
    private final Descriptor.Builder descriptor;
    private final Bytes signature;

    private Builder(Descriptor.Builder descriptor, Bytes signature) {
      this.descriptor = descriptor;
      this.signature = signature;
      descriptor.annotation(SIGNATURE, Base64s.standard(signature));
    }

    /**
     * Adds the signer's certificate and chain.
     *
     * @param leafPem the PEM leaf certificate
     * @param chainPem the PEM intermediates and root; may be empty
     * @return this builder
     */
    public Builder certificate(String leafPem, String chainPem) {
      descriptor.annotation(CERTIFICATE, requireNonNull(leafPem, "leafPem"));
      descriptor.annotation(CHAIN, requireNonNull(chainPem, "chainPem"));
      return this;
    }

    /** Adds the Rekor bundle JSON. @param json the bundle @return this builder */
    public Builder rekorBundle(String json) {
      descriptor.annotation(BUNDLE, requireNonNull(json, "json"));
      return this;
    }

    /** Adds the RFC 3161 timestamp JSON. @param json the timestamp holder @return this builder */
    public Builder rfc3161Timestamp(String json) {
      descriptor.annotation(RFC3161_TIMESTAMP, requireNonNull(json, "json"));
      return this;
    }

    /** {@return the layer} */
    public SignatureLayer build() {
      return new SignatureLayer(descriptor.build(), signature);
    }
  }
}
