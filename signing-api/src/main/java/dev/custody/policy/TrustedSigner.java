package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * A named trust anchor of a custody policy (POLICY.md "Signers"): either a public key, or a set of
 * root certificates plus a subject DN pattern that the signing certificate must match. A signer
 * may carry a validity window; evidence whose signed time falls outside it does not count.
 *
 * <p>The subject pattern is an RFC 4514 distinguished name compared attribute by attribute; a
 * value of exactly {@code *} matches any value of that attribute, and {@code *} is allowed
 * nowhere else. Two signers with the same {@link #anchorId()} (the same key, or the same roots
 * and pattern) are one signer when a stage counts distinct signers.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedSigner {
  private final String name;
  private final Optional<Bytes> publicKey;
  private final List<Bytes> certificateRoots;
  private final Optional<String> subjectPattern;
  private final Optional<Instant> validFrom;
  private final Optional<Instant> validUntil;
  private final String anchorId;

  private TrustedSigner(
      String name,
      Bytes publicKey,
      List<Bytes> roots,
      String pattern,
      Instant validFrom,
      Instant validUntil) {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a signer needs a non-empty name");
    }
    if (validFrom != null && validUntil != null && !validFrom.isBefore(validUntil)) {
      throw new IllegalArgumentException(
          "signer " + name + ": validFrom " + validFrom + " is not before validUntil " + validUntil);
    }
    this.name = name;
    this.publicKey = Optional.ofNullable(publicKey);
    this.certificateRoots = List.copyOf(roots);
    this.subjectPattern = Optional.ofNullable(pattern);
    this.validFrom = Optional.ofNullable(validFrom);
    this.validUntil = Optional.ofNullable(validUntil);
    this.anchorId =
        publicKey != null
            ? "key " + Digest.of(publicKey)
            : "certificate "
                + new X500Principal(pattern).getName(X500Principal.CANONICAL)
                + " roots "
                + rootFingerprints().stream()
                    .map(Digest::toString)
                    .sorted()
                    .collect(Collectors.joining(","));
  }

  /**
   * {@return a signer trusted by its public key}
   *
   * @param name the signer's name in the policy
   * @param spki the DER SubjectPublicKeyInfo of the key
   * @throws IllegalArgumentException if the name or the key is empty
   */
  public static TrustedSigner publicKey(String name, Bytes spki) {
    requireNonNull(spki, "spki");
    if (spki.isEmpty()) {
      throw new IllegalArgumentException("signer " + name + ": empty public key");
    }
    return new TrustedSigner(name, spki, List.of(), null, null, null);
  }

  /**
   * {@return a signer trusted by a certificate chain to one of {@code roots} and a leaf subject
   * matching {@code subjectPattern}}
   *
   * @param name the signer's name in the policy
   * @param roots DER root certificates, at least one
   * @param subjectPattern an RFC 4514 DN; a value of exactly {@code *} matches any value
   * @throws IllegalArgumentException if there are no roots, the pattern is not a DN, or it uses
   *     {@code *} inside a value
   */
  public static TrustedSigner certificate(String name, List<Bytes> roots, String subjectPattern) {
    requireNonNull(roots, "roots");
    requireNonNull(subjectPattern, "subjectPattern");
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("signer " + name + ": no root certificates");
    }
    checkPattern(name, subjectPattern);
    return new TrustedSigner(name, null, roots, subjectPattern, null, null);
  }

  private static void checkPattern(String name, String pattern) {
    try {
      new X500Principal(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "signer " + name + ": subject \"" + pattern + "\" is not an RFC 4514 DN", e);
    }
    // '*' is a wildcard only as a whole value: "CN=*,O=Example" but not "CN=Rel*".
    for (String part : pattern.split("(?<!\\\\)[,+]")) {
      int eq = part.indexOf('=');
      String value = eq < 0 ? part : part.substring(eq + 1).trim();
      if (value.contains("*") && !value.equals("*")) {
        throw new IllegalArgumentException(
            "signer " + name + ": subject \"" + pattern + "\" uses * inside a value (only a whole"
                + " value may be *)");
      }
    }
  }

  /**
   * {@return this signer with a validity window from {@code from} (inclusive) to {@code until}
   * (exclusive)}
   *
   * @param from the first instant at which evidence counts
   * @param until the first instant at which evidence no longer counts
   * @throws IllegalArgumentException if {@code from} is not before {@code until}
   */
  public TrustedSigner withValidity(Instant from, Instant until) {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    return copy(from, until);
  }

  /**
   * {@return this signer with a validity window that starts at {@code from} (inclusive); the end,
   * if this signer has one, is kept}
   *
   * @param from the first instant at which evidence counts
   * @throws IllegalArgumentException if this signer has an end that {@code from} is not before
   */
  public TrustedSigner withValidFrom(Instant from) {
    return copy(requireNonNull(from, "from"), validUntil.orElse(null));
  }

  /**
   * {@return this signer with a validity window that ends at {@code until} (exclusive); the start,
   * if this signer has one, is kept}
   *
   * @param until the first instant at which evidence no longer counts
   * @throws IllegalArgumentException if this signer has a start that is not before {@code until}
   */
  public TrustedSigner withValidUntil(Instant until) {
    return copy(validFrom.orElse(null), requireNonNull(until, "until"));
  }

  private TrustedSigner copy(Instant from, Instant until) {
    return new TrustedSigner(
        name,
        publicKey.orElse(null),
        certificateRoots,
        subjectPattern.orElse(null),
        from,
        until);
  }

  /** {@return the signer's name in the policy} */
  public String name() {
    return name;
  }

  /** {@return the DER SubjectPublicKeyInfo, for a key signer} */
  public Optional<Bytes> publicKey() {
    return publicKey;
  }

  /** {@return the SHA-256 fingerprint of the SubjectPublicKeyInfo, for a key signer} */
  public Optional<Digest> keyFingerprint() {
    return publicKey.map(Digest::of);
  }

  /** {@return the DER root certificates, for a certificate signer; empty otherwise} */
  public List<Bytes> certificateRoots() {
    return certificateRoots;
  }

  /** {@return the SHA-256 fingerprints of the root certificates} */
  public List<Digest> rootFingerprints() {
    return certificateRoots.stream().map(Digest::of).collect(Collectors.toUnmodifiableList());
  }

  /** {@return the subject DN pattern, for a certificate signer} */
  public Optional<String> subjectPattern() {
    return subjectPattern;
  }

  /** {@return the start of the validity window, if any (inclusive)} */
  public Optional<Instant> validFrom() {
    return validFrom;
  }

  /** {@return the end of the validity window, if any (exclusive)} */
  public Optional<Instant> validUntil() {
    return validUntil;
  }

  /** {@return whether the signer has a validity window at all} */
  public boolean hasValidityWindow() {
    return validFrom.isPresent() || validUntil.isPresent();
  }

  /**
   * {@return whether {@code time} lies inside the validity window}
   *
   * @param time the instant to check; {@code validFrom} is inclusive, {@code validUntil}
   *     exclusive, and a missing bound does not limit
   */
  public boolean isValidAt(Instant time) {
    requireNonNull(time, "time");
    return validFrom.map(f -> !time.isBefore(f)).orElse(true)
        && validUntil.map(time::isBefore).orElse(true);
  }

  /**
   * {@return what this signer trusts, independent of its name: {@code key sha256:…} or {@code
   * certificate <canonical pattern> roots <fingerprints>}; equal ids are one signer}
   */
  public String anchorId() {
    return anchorId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrustedSigner)) {
      return false;
    }
    TrustedSigner t = (TrustedSigner) o;
    return name.equals(t.name)
        && anchorId.equals(t.anchorId)
        && subjectPattern.equals(t.subjectPattern)
        && validFrom.equals(t.validFrom)
        && validUntil.equals(t.validUntil);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, anchorId, validFrom, validUntil);
  }

  /** {@return the name and anchor} */
  @Override
  public String toString() {
    return name + " (" + anchorId + ")";
  }
}
