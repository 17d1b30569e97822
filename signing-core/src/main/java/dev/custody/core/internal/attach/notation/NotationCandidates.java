package dev.custody.core.internal.attach.notation;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.formats.notary.NotarySignatureManifest;
import dev.custody.core.internal.notary.NotarySignatureManifests;
import dev.custody.core.internal.notary.verify.NotaryEnvelopes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.Manifest;
import dev.custody.policy.ReasonCode;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Notary signatures of an image (FORMATS.md §5.1) the way notation does: the referrers of
 * artifact type {@code application/vnd.cncf.notary.signature}, which the store lists through the
 * referrers API, its tag-schema fallback (registries) or the {@code subject} of every manifest in
 * {@code index.json} (layouts). The referrers API reports a legacy signature (no {@code
 * artifactType}) under its config media type, which is the same Notary type, so both forms are
 * found. Each candidate is counted against the budget before its manifest is fetched.
 *
 * <p>A manifest that turns out not to be a Notary signature of this image (a mixture of
 * artifactType and config type, or another subject) is skipped, as notation skips it. Content that
 * is missing, corrupt or too large rejects that candidate only; a store that fails (unreachable,
 * unauthorised, rate-limited) fails the whole verification.
 */
final class NotationCandidates {
  private static final Logger LOG = LoggerFactory.getLogger(NotationCandidates.class);

  private static final Set<Reason> STORE_FAILURES =
      EnumSet.of(
          Reason.IO, Reason.UNAUTHORIZED, Reason.DENIED, Reason.RATE_LIMITED, Reason.PROTOCOL);

  private NotationCandidates() {}

  /**
   * Lists and reads the candidates.
   *
   * @param store the repository holding the image
   * @param subject the image's descriptor
   * @param budget the shared bound on candidates
   * @return the candidates in the store's order, without repeats
   * @throws StoreException if the store fails or the budget is exceeded
   */
  static List<Candidate> find(ArtifactStore store, Descriptor subject, CandidateBudget budget)
      throws StoreException {
    Set<Digest> seen = new LinkedHashSet<>();
    for (Descriptor d : store.referrers(subject.digest(), NotarySignatureManifest.ARTIFACT_TYPE)) {
      seen.add(d.digest());
    }
    List<Candidate> found = new ArrayList<>();
    for (Digest digest : seen) {
      budget.take(subject.digest().toString());
      read(store, digest, subject.digest()).ifPresent(found::add);
    }
    return found;
  }

  private static Optional<Candidate> read(ArtifactStore store, Digest digest, Digest subject)
      throws StoreException {
    String what = "Notary signature manifest " + digest;
    Manifest manifest;
    try {
      manifest = store.manifest(digest);
    } catch (StoreException e) {
      return Optional.of(Candidate.rejected(digest, rejectedOrRethrown(e, what)));
    }
    Optional<Descriptor> layer;
    try {
      layer = NotarySignatureManifests.envelopeLayer(manifest, subject);
    } catch (InvalidInputException e) {
      return Optional.of(
          Candidate.rejected(digest, Rejection.of(ReasonCode.MALFORMED, e.getMessage())));
    }
    if (layer.isEmpty()) {
      LOG.debug("skipping referrer {} of {}: not a Notary signature of it", digest, subject);
      return Optional.empty();
    }
    Descriptor envelope = layer.get();
    if (envelope.size() > NotaryEnvelopes.MAX_BYTES) {
      return Optional.of(
          Candidate.rejected(
              digest,
              Rejection.of(
                  ReasonCode.LIMIT_EXCEEDED,
                  "the envelope of "
                      + what
                      + " is too large (expected at most "
                      + NotaryEnvelopes.MAX_BYTES
                      + " bytes, got "
                      + envelope.size()
                      + ")")));
    }
    Bytes bytes;
    try {
      bytes = store.readBlob(envelope, NotaryEnvelopes.MAX_BYTES);
    } catch (StoreException e) {
      return Optional.of(
          Candidate.rejected(digest, rejectedOrRethrown(e, "the envelope of " + what)));
    }
    return Optional.of(Candidate.of(digest, envelope.mediaType(), bytes));
  }

  private static Rejection rejectedOrRethrown(StoreException e, String what) throws StoreException {
    if (STORE_FAILURES.contains(e.reason())) {
      throw e;
    }
    ReasonCode code =
        e.reason() == Reason.LIMIT_EXCEEDED ? ReasonCode.LIMIT_EXCEEDED : ReasonCode.MALFORMED;
    return Rejection.of(code, what + ": " + e.getMessage());
  }
}
