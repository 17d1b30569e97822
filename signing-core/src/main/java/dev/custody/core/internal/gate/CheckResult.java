package dev.custody.core.internal.gate;

import dev.custody.CustodyException;
import java.util.Optional;

/**
 * The result of checking one image: an outcome, or the exception that kept it from being checked.
 */
final class CheckResult {
  private final Optional<CheckOutcome> outcome;
  private final Optional<CustodyException> error;

  private CheckResult(CheckOutcome outcome, CustodyException error) {
    this.outcome = Optional.ofNullable(outcome);
    this.error = Optional.ofNullable(error);
  }

  static CheckResult of(CheckOutcome outcome) {
    return new CheckResult(
        java.util.Objects.requireNonNull(outcome, "check returned no outcome"), null);
  }

  static CheckResult failed(CustodyException error) {
    return new CheckResult(null, error);
  }

  Optional<CheckOutcome> outcome() {
    return outcome;
  }

  Optional<CustodyException> error() {
    return error;
  }
}
