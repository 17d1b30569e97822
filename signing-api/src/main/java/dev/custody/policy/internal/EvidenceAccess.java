package dev.custody.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.EvidenceStorage;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import java.time.Instant;

/**
 * The hook through which Custody's verification pipeline mints {@link Evidence} (STYLE.md §14,
 * after OkHttp's {@code Internal}). This package is not part of the public API: it is exported
 * to no user module, and only {@code signing-core} may call it. {@link Evidence} installs the one
 * implementation from its static initializer, so no other code can provide it.
 *
 * <p>Not for use outside Custody; unsupported and subject to change without notice.
 */
public abstract class EvidenceAccess {
  private static EvidenceAccess instance;

  /** For {@link Evidence} only. */
  protected EvidenceAccess() {}

  /**
   * Installs the implementation; called once by {@link Evidence}'s static initializer.
   *
   * @param access the implementation
   * @throws IllegalStateException if one is already installed
   */
  public static synchronized void install(EvidenceAccess access) {
    requireNonNull(access, "access");
    if (instance != null) {
      throw new IllegalStateException("EvidenceAccess is already installed");
    }
    instance = access;
  }

  /** {@return the implementation installed by {@link Evidence}} */
  public static EvidenceAccess get() {
    try {
      // Initialising Evidence runs its static block, which installs the implementation.
      Class.forName(Evidence.class.getName(), true, Evidence.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    synchronized (EvidenceAccess.class) {
      return instance;
    }
  }

  /**
   * Mints evidence from a completed draft.
   *
   * @param draft the facts, checked for completeness and consistency
   * @return the evidence
   * @throws IllegalStateException if the draft is incomplete or inconsistent
   */
  public abstract Evidence mint(Draft draft);

  /**
   * The mutable facts of a piece of evidence before minting. Not thread-safe. Unset optional
   * fields stay absent; a draft with a {@link #failure} is a rejected candidate.
   */
  public static final class Draft {
    /** Signature or attestation; required. */
    public EvidenceKind kind;
    /** The signature format, for signatures. */
    public SignatureFormat format;
    /** The predicate type, for attestations (for a rejected candidate: if known). */
    public String predicateType;
    /** The key or certificate that verified it; required unless failed. */
    public SignerIdentity verifiedBy;
    /** The digest the evidence is bound to (or, when failed, was found attached to); required. */
    public Digest subject;
    /** The time taken from signed content, if any. */
    public Instant signedTime;
    /** Where it was found; required. */
    public EvidenceStorage storage;
    /** The digest of the manifest that carries it; required. */
    public Digest ref;
    /** The predicate JSON (attestations) or signed payload (signatures); empty if failed. */
    public Bytes content = Bytes.empty();
    /** Why the candidate failed verification; unset for verified evidence. */
    public ReasonCode failure;
    /** What went wrong, for a failed candidate. */
    public String failureDetail = "";
  }
}
