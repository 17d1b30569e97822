package dev.custody.promote;

import static java.util.Objects.requireNonNull;

import dev.custody.attest.AttestResult;
import dev.custody.policy.CustodyReport;
import dev.custody.store.CopyResult;
import java.util.Optional;

/**
 * What a promotion did. Either the image was promoted ({@link #copy()} and {@link #promotion()}
 * present), or the source failed the policy of {@link PromoteOptions#policy()} and nothing was
 * written ({@link #sourceCustody()} says why; copy and promotion empty).
 *
 * @param sourceCustody the custody report of the source, when a policy was given
 * @param copy the copy of the image and its attachments, if promoted
 * @param promotion the promotion attestation stored on the destination, if promoted
 */
public record PromoteResult(
    Optional<CustodyReport> sourceCustody,
    Optional<CopyResult> copy,
    Optional<AttestResult> promotion) {
  /**
   * Validates the components: copy and promotion are both present or both empty.
   *
   * @param sourceCustody the custody report of the source, when a policy was given
   * @param copy the copy of the image and its attachments, if promoted
   * @param promotion the promotion attestation stored on the destination, if promoted
   */
  public PromoteResult {
    requireNonNull(sourceCustody, "sourceCustody");
    requireNonNull(copy, "copy");
    requireNonNull(promotion, "promotion");
    if (copy.isPresent() != promotion.isPresent()) {
      throw new IllegalArgumentException("copy and promotion go together");
    }
    if (copy.isEmpty() && sourceCustody.map(CustodyReport::passed).orElse(true)) {
      throw new IllegalArgumentException(
          "an image is left unpromoted only when its custody failed");
    }
  }

  /** {@return whether the image was copied and the promotion attested} */
  public boolean promoted() {
    return copy.isPresent();
  }
}
