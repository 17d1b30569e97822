package dev.custody.core.internal.attach;

import dev.custody.CustodyException.Reason;
import dev.custody.store.StoreException;

/**
 * Counts the signature candidates examined for one manifest, so a store holding thousands of
 * attachments yields a clear error instead of an unbounded loop. Not thread-safe: one per
 * examination.
 */
public final class CandidateBudget {
  private final int max;
  private int used;

  /** @param max the largest number of candidates allowed */
  public CandidateBudget(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1 (got " + max + ")");
    }
    this.max = max;
  }

  /**
   * Takes one candidate from the budget.
   *
   * @param where the subject, for the message
   * @throws StoreException with {@link Reason#LIMIT_EXCEEDED} once more than {@code max} are taken
   */
  public void take(String where) throws StoreException {
    if (++used > max) {
      throw new StoreException(
          Reason.LIMIT_EXCEEDED,
          "examine signatures of "
              + where
              + ": more than "
              + max
              + " signature candidates; raise the limit (--max-signatures) if this is expected",
          null);
    }
  }

  /** {@return how many candidates were taken} */
  public int used() {
    return used;
  }
}
