package dev.custody.core.internal.attach.cosign;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.Manifest;
import dev.custody.policy.ReasonCode;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Bounded reads of a candidate's manifest and blobs. Content that is missing, corrupt or too large
 * rejects that candidate only; a store that fails (unreachable, unauthorised, rate-limited) fails
 * the whole verification, since what it would have returned is unknown.
 */
final class CandidateReads {
  /**
   * The largest payload or bundle read: far above any real signature (a few KiB with a certificate
   * chain), far below cosign's 128 MiB attachment limit.
   */
  static final int MAX_CANDIDATE_BYTES = 1024 * 1024;

  private static final Set<Reason> STORE_FAILURES =
      EnumSet.of(Reason.IO, Reason.UNAUTHORIZED, Reason.DENIED, Reason.RATE_LIMITED);

  private CandidateReads() {}

  /**
   * Reads a payload or bundle blob.
   *
   * @throws CandidateRejected with LIMIT_EXCEEDED if larger than {@link #MAX_CANDIDATE_BYTES}, or
   *     MALFORMED if missing or not matching its digest
   * @throws StoreException if the store itself fails
   */
  static Bytes blob(ArtifactStore store, Descriptor blob, String what)
      throws CandidateRejected, StoreException {
    if (blob.size() > MAX_CANDIDATE_BYTES) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.LIMIT_EXCEEDED,
              what
                  + " is too large (expected at most "
                  + MAX_CANDIDATE_BYTES
                  + " bytes, got "
                  + blob.size()
                  + ")"));
    }
    try {
      return store.readBlob(blob, MAX_CANDIDATE_BYTES);
    } catch (StoreException e) {
      throw rejectedOrRethrown(e, what);
    }
  }

  /**
   * Reads a candidate's image manifest.
   *
   * @throws CandidateRejected with MALFORMED if missing, corrupt or an index
   * @throws StoreException if the store itself fails
   */
  static ImageManifest imageManifest(ArtifactStore store, Digest digest, String what)
      throws CandidateRejected, StoreException {
    Manifest manifest;
    try {
      manifest = store.manifest(digest);
    } catch (StoreException e) {
      throw rejectedOrRethrown(e, what);
    }
    if (!(manifest instanceof ImageManifest)) {
      throw new CandidateRejected(
          Rejection.of(
              ReasonCode.MALFORMED,
              what + " is an image index (expected an image manifest holding signatures)"));
    }
    return (ImageManifest) manifest;
  }

  private static CandidateRejected rejectedOrRethrown(StoreException e, String what)
      throws StoreException {
    if (STORE_FAILURES.contains(e.reason())) {
      throw e;
    }
    ReasonCode code =
        e.reason() == Reason.LIMIT_EXCEEDED ? ReasonCode.LIMIT_EXCEEDED : ReasonCode.MALFORMED;
    return new CandidateRejected(Rejection.of(code, what + ": " + e.getMessage()));
  }
}
