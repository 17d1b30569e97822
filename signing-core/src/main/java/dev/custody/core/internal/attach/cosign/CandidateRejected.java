package dev.custody.core.internal.attach.cosign;

import static java.util.Objects.requireNonNull;

/**
 * Ends the examination of one candidate with a typed rejection; the candidate still becomes
 * evidence. Stack traces are not filled in: this is an outcome, not an error.
 */
final class CandidateRejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  CandidateRejected(Rejection rejection) {
    super(requireNonNull(rejection, "rejection").detail(), null, false, false);
    this.rejection = rejection;
  }

  Rejection rejection() {
    return rejection;
  }
}
