package dev.custody.policy;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.policy.internal.EvidenceAccess;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One candidate piece of custody evidence found for an image: a signature or an attestation,
 * either verified or rejected by Custody's verification pipeline.
 *
 * <p><b>Security guarantees.</b> The policy engine trusts what an {@code Evidence} says: that
 * {@link #content()} verified under {@link #verifiedBy()}, is bound to {@link #subject()}, and
 * that {@link #signedTime()} was read from signed content. That is why there is no public
 * constructor: only the verification pipeline in {@code signing-core} mints evidence, after it has
 * verified the bytes cryptographically (FORMATS.md §3–§6, verify first, parse afterwards). A
 * candidate that failed verification is still an {@code Evidence}, with {@link #failure()} set,
 * so the custody report can list it with its reason; such a candidate never satisfies a stage.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no content.
 */
public final class Evidence {
  /** Reasons the pipeline may attach to a candidate that failed before the policy saw it. */
  private static final Set<ReasonCode> PIPELINE_FAILURES =
      EnumSet.of(
          ReasonCode.SIGNATURE_INVALID,
          ReasonCode.MALFORMED,
          ReasonCode.UNSUPPORTED_ALGORITHM,
          ReasonCode.SUBJECT_MISMATCH,
          ReasonCode.PAYLOAD_TYPE_MISMATCH,
          ReasonCode.UNTRUSTED_SIGNER,
          ReasonCode.EXPIRED,
          ReasonCode.LIMIT_EXCEEDED,
          // a signed annotation the verifier requires (cosign verify -a) is missing or differs
          ReasonCode.CONDITION_FAILED);

  static {
    EvidenceAccess.install(
        new EvidenceAccess() {
          @Override
          public Evidence mint(Draft draft) {
            return new Evidence(draft);
          }
        });
  }

  private final EvidenceKind kind;
  private final Optional<SignatureFormat> format;
  private final Optional<String> predicateType;
  private final Optional<SignerIdentity> verifiedBy;
  private final Digest subject;
  private final Optional<Instant> signedTime;
  private final EvidenceStorage storage;
  private final Digest ref;
  private final Bytes content;
  private final Optional<ReasonCode> failure;
  private final String failureDetail;

  private Evidence(EvidenceAccess.Draft d) {
    this.kind = required(d.kind, "kind");
    this.subject = required(d.subject, "subject");
    this.storage = required(d.storage, "storage");
    this.ref = required(d.ref, "ref");
    this.content = required(d.content, "content");
    this.failureDetail = required(d.failureDetail, "failureDetail");
    this.format = Optional.ofNullable(d.format);
    this.predicateType = Optional.ofNullable(d.predicateType);
    this.verifiedBy = Optional.ofNullable(d.verifiedBy);
    this.signedTime = Optional.ofNullable(d.signedTime);
    this.failure = Optional.ofNullable(d.failure);
    if (kind == EvidenceKind.SIGNATURE && predicateType.isPresent()) {
      throw new IllegalStateException("a signature has no predicate type");
    }
    if (kind == EvidenceKind.ATTESTATION && format.isPresent()) {
      throw new IllegalStateException("an attestation has no signature format");
    }
    if (failure.isEmpty()) {
      if (verifiedBy.isEmpty()) {
        throw new IllegalStateException("verified evidence needs verifiedBy");
      }
      if (kind == EvidenceKind.SIGNATURE ? format.isEmpty() : predicateType.isEmpty()) {
        throw new IllegalStateException("verified " + kind.id() + " needs its format or type");
      }
      if (!failureDetail.isEmpty()) {
        throw new IllegalStateException("verified evidence has no failure detail");
      }
    } else if (!PIPELINE_FAILURES.contains(failure.get())) {
      throw new IllegalStateException(
          "reason " + failure.get() + " is decided by the policy engine, not the pipeline");
    }
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalStateException("evidence draft is missing " + field);
    }
    return value;
  }

  /** {@return signature or attestation} */
  public EvidenceKind kind() {
    return kind;
  }

  /** {@return the signature format; present for verified signatures} */
  public Optional<SignatureFormat> format() {
    return format;
  }

  /** {@return the predicate type URI; present for verified attestations} */
  public Optional<String> predicateType() {
    return predicateType;
  }

  /** {@return the key or certificate that verified it; present unless it failed} */
  public Optional<SignerIdentity> verifiedBy() {
    return verifiedBy;
  }

  /**
   * {@return the image digest the evidence is cryptographically bound to (signed payload or
   * statement subject); for a failed candidate, the digest it was found attached to}
   */
  public Digest subject() {
    return subject;
  }

  /**
   * {@return the time read from signed content (POLICY.md "Signed time"), if the evidence
   * carries one}
   */
  public Optional<Instant> signedTime() {
    return signedTime;
  }

  /** {@return where the evidence was stored} */
  public EvidenceStorage storage() {
    return storage;
  }

  /** {@return the digest of the manifest that carries the evidence} */
  public Digest ref() {
    return ref;
  }

  /**
   * {@return the exact verified bytes that conditions address: the predicate JSON of an
   * attestation, or the signed payload of a signature; empty for a failed candidate}
   */
  public Bytes content() {
    return content;
  }

  /** {@return whether the pipeline verified this evidence (it has no {@link #failure()})} */
  public boolean isVerified() {
    return failure.isEmpty();
  }

  /** {@return why verification failed, for a rejected candidate} */
  public Optional<ReasonCode> failure() {
    return failure;
  }

  /** {@return what went wrong, for a rejected candidate; empty otherwise} */
  public String failureDetail() {
    return failureDetail;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Evidence)) {
      return false;
    }
    Evidence e = (Evidence) o;
    return kind == e.kind
        && format.equals(e.format)
        && predicateType.equals(e.predicateType)
        && verifiedBy.equals(e.verifiedBy)
        && subject.equals(e.subject)
        && signedTime.equals(e.signedTime)
        && storage == e.storage
        && ref.equals(e.ref)
        && content.equals(e.content)
        && failure.equals(e.failure)
        && failureDetail.equals(e.failureDetail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, format, predicateType, verifiedBy, subject, ref, content, failure);
  }

  /** {@return a one-line summary without content} */
  @Override
  public String toString() {
    String what =
        kind == EvidenceKind.SIGNATURE
            ? "signature " + format.map(SignatureFormat::id).orElse("?")
            : "attestation " + predicateType.orElse("?");
    return what
        + " in "
        + storage.id()
        + " "
        + ref
        + verifiedBy.map(v -> " by " + v).orElse("")
        + failure.map(f -> " failed " + f).orElse("");
  }
}
