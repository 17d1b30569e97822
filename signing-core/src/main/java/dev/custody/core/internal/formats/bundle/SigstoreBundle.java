package dev.custody.core.internal.formats.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.core.internal.formats.Base64s;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.oci.DigestAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Sigstore bundle (FORMATS.md §6.7): verification material (a public-key hint, a certificate or,
 * before v0.3, a chain; transparency-log entries and RFC 3161 timestamps kept as read) and exactly
 * one of a message signature or a DSSE envelope with exactly one signature. Immutable.
 */
public final class SigstoreBundle {
  /** The media type of v0.3 bundles (also the referrer's artifact type and layer type). */
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** What the bundle signs. */
  public enum Content {
    /** A signature over the artifact bytes. */
    MESSAGE_SIGNATURE("message-signature"),
    /** A DSSE envelope (an in-toto statement for cosign). */
    DSSE_ENVELOPE("dsse-envelope");

    private final String annotation;

    Content(String annotation) {
      this.annotation = annotation;
    }

    /** {@return the value of the {@code dev.sigstore.bundle.content} referrer annotation} */
    public String annotation() {
      return annotation;
    }
  }

  private final String mediaType;
  private final String version;
  private final Optional<String> publicKeyHint;
  private final Optional<Bytes> certificate;
  private final List<Bytes> certificateChain;
  private final List<JsonNode> tlogEntries;
  private final List<Bytes> rfc3161Timestamps;
  private final Optional<MessageSignature> messageSignature;
  private final Optional<DsseEnvelope> dsseEnvelope;

  SigstoreBundle(
      String mediaType,
      String version,
      Optional<String> publicKeyHint,
      Optional<Bytes> certificate,
      List<Bytes> certificateChain,
      List<JsonNode> tlogEntries,
      List<Bytes> rfc3161Timestamps,
      Optional<MessageSignature> messageSignature,
      Optional<DsseEnvelope> dsseEnvelope) {
    this.mediaType = requireNonNull(mediaType, "mediaType");
    this.version = requireNonNull(version, "version");
    this.publicKeyHint = requireNonNull(publicKeyHint, "publicKeyHint");
    this.certificate = requireNonNull(certificate, "certificate");
    this.certificateChain = List.copyOf(certificateChain);
    List<JsonNode> entries = new ArrayList<>();
    tlogEntries.forEach(e -> entries.add(e.deepCopy()));
    this.tlogEntries = List.copyOf(entries);
    this.rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
    this.messageSignature = requireNonNull(messageSignature, "messageSignature");
    this.dsseEnvelope = requireNonNull(dsseEnvelope, "dsseEnvelope");
    if (messageSignature.isPresent() == dsseEnvelope.isPresent()) {
      throw new IllegalArgumentException(
          "a bundle holds exactly one of a message signature or a DSSE envelope");
    }
    if (dsseEnvelope.isPresent() && dsseEnvelope.get().signatures().size() != 1) {
      throw new IllegalArgumentException("a bundle's DSSE envelope has exactly one signature");
    }
  }

  /**
   * A key-only v0.3 bundle over a DSSE envelope, as {@code cosign sign}/{@code attest} v3 write it
   * for a key pair: no certificate, no transparency log.
   *
   * @param publicKeyHint the key hint, see {@link #cosignKeyHint}
   * @param envelope the envelope, with exactly one signature
   * @return the bundle
   */
  public static SigstoreBundle ofKey(String publicKeyHint, DsseEnvelope envelope) {
    return new SigstoreBundle(
        MEDIA_TYPE_V03,
        "0.3",
        Optional.of(requireNonNull(publicKeyHint, "publicKeyHint")),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.of(requireNonNull(envelope, "envelope")));
  }

  /**
   * A key-only v0.3 bundle over a message signature.
   *
   * @param publicKeyHint the key hint
   * @param signature the message signature
   * @return the bundle
   */
  public static SigstoreBundle ofKey(String publicKeyHint, MessageSignature signature) {
    return new SigstoreBundle(
        MEDIA_TYPE_V03,
        "0.3",
        Optional.of(requireNonNull(publicKeyHint, "publicKeyHint")),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        Optional.of(requireNonNull(signature, "signature")),
        Optional.empty());
  }

  /**
   * The hint cosign writes for a public key: standard base64 of SHA-256 over the PKIX
   * SubjectPublicKeyInfo DER (FORMATS.md §3.10). A hint only selects a key; it proves nothing.
   *
   * @param subjectPublicKeyInfo the DER public key
   * @return the hint
   */
  public static String cosignKeyHint(Bytes subjectPublicKeyInfo) {
    byte[] hash =
        DigestAlgorithm.SHA256.newMessageDigest().digest(subjectPublicKeyInfo.toByteArray());
    return Base64s.standard(Bytes.of(hash));
  }

  /** {@return the media type as written} */
  public String mediaType() {
    return mediaType;
  }

  /** {@return the bundle version from the media type: 0.1, 0.2 or 0.3} */
  public String version() {
    return version;
  }

  /** {@return what the bundle signs} */
  public Content content() {
    return dsseEnvelope.isPresent() ? Content.DSSE_ENVELOPE : Content.MESSAGE_SIGNATURE;
  }

  /** {@return {@code verificationMaterial.publicKey.hint}, if the material is a key hint} */
  public Optional<String> publicKeyHint() {
    return publicKeyHint;
  }

  /** {@return whether the verification material is a public key (with or without hint)} */
  public boolean isKeyBased() {
    return certificate.isEmpty() && certificateChain.isEmpty();
  }

  /** {@return the leaf certificate DER ({@code certificate.rawBytes}, or the chain's first)} */
  public Optional<Bytes> certificate() {
    return certificate.isPresent() ? certificate : certificateChain.stream().findFirst();
  }

  /** {@return the certificate chain of a v0.1/v0.2 bundle; empty otherwise} */
  public List<Bytes> certificateChain() {
    return certificateChain;
  }

  /** {@return the transparency-log entries as read (copies); empty for key-only bundles} */
  public List<JsonNode> tlogEntries() {
    List<JsonNode> out = new ArrayList<>();
    tlogEntries.forEach(e -> out.add(e.deepCopy()));
    return out;
  }

  /** {@return the DER RFC 3161 timestamp responses; possibly empty} */
  public List<Bytes> rfc3161Timestamps() {
    return rfc3161Timestamps;
  }

  /** {@return the message signature, if that is the content} */
  public Optional<MessageSignature> messageSignature() {
    return messageSignature;
  }

  /** {@return the DSSE envelope, if that is the content} */
  public Optional<DsseEnvelope> dsseEnvelope() {
    return dsseEnvelope;
  }

  @Override
  public String toString() {
    return "SigstoreBundle[v"
        + version
        + ", "
        + content().annotation()
        + (isKeyBased() ? ", key" : ", certificate")
        + "]";
  }
}
