package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * The key or certificate that verified a piece of evidence: either the SHA-256 fingerprint of a
 * public key's DER SubjectPublicKeyInfo, or a certificate's subject distinguished name (RFC 4514)
 * together with the SHA-256 fingerprint of the DER root certificate its chain was validated
 * against. The policy engine matches identities to {@link TrustedSigner}s.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignerIdentity {
  private final Optional<Digest> keyFingerprint;
  private final Optional<String> subject;
  private final Optional<Digest> rootFingerprint;

  private SignerIdentity(Digest keyFingerprint, String subject, Digest rootFingerprint) {
    this.keyFingerprint = Optional.ofNullable(keyFingerprint);
    this.subject = Optional.ofNullable(subject);
    this.rootFingerprint = Optional.ofNullable(rootFingerprint);
  }

  /**
   * {@return the identity of a bare public key}
   *
   * @param spkiFingerprint SHA-256 of the key's DER SubjectPublicKeyInfo
   */
  public static SignerIdentity ofKey(Digest spkiFingerprint) {
    requireNonNull(spkiFingerprint, "spkiFingerprint");
    return new SignerIdentity(spkiFingerprint, null, null);
  }

  /**
   * {@return the identity of a certificate whose chain ends in a trusted root}
   *
   * @param subject the leaf certificate's subject DN as RFC 4514 text
   * @param rootFingerprint SHA-256 of the DER root certificate the chain was validated against
   * @throws IllegalArgumentException if {@code subject} is empty
   */
  public static SignerIdentity ofCertificate(String subject, Digest rootFingerprint) {
    requireNonNull(subject, "subject");
    requireNonNull(rootFingerprint, "rootFingerprint");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("certificate identity needs a subject DN");
    }
    return new SignerIdentity(null, subject, rootFingerprint);
  }

  /** {@return whether this is a certificate identity rather than a bare key} */
  public boolean isCertificate() {
    return subject.isPresent();
  }

  /** {@return the SPKI fingerprint, for a key identity} */
  public Optional<Digest> keyFingerprint() {
    return keyFingerprint;
  }

  /** {@return the leaf certificate's subject DN, for a certificate identity} */
  public Optional<String> subject() {
    return subject;
  }

  /** {@return the root certificate fingerprint, for a certificate identity} */
  public Optional<Digest> rootFingerprint() {
    return rootFingerprint;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SignerIdentity)) {
      return false;
    }
    SignerIdentity other = (SignerIdentity) o;
    return keyFingerprint.equals(other.keyFingerprint)
        && subject.equals(other.subject)
        && rootFingerprint.equals(other.rootFingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyFingerprint, subject, rootFingerprint);
  }

  /** {@return {@code key sha256:…} or {@code certificate "<subject>" root sha256:…}} */
  @Override
  public String toString() {
    return keyFingerprint
        .map(k -> "key " + k)
        .orElseGet(() -> "certificate \"" + subject.get() + "\" root " + rootFingerprint.get());
  }
}
