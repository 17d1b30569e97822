package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/**
 * A statement's {@code signatureVerification}: a preset level, the per-check overrides and the
 * timestamp option. {@link #action} gives the effective action for a check.
 *
 * @param level the preset level
 * @param overrides checks whose action the policy overrides (never integrity; empty for skip)
 * @param verifyTimestamp when an RFC 3161 timestamp is required
 */
public record SignatureVerification(
    VerificationLevel level, Map<Check, Action> overrides, VerifyTimestamp verifyTimestamp) {

  /** Validates and copies. */
  public SignatureVerification {
    requireNonNull(level, "level");
    requireNonNull(verifyTimestamp, "verifyTimestamp");
    overrides = Map.copyOf(overrides);
    if (overrides.containsKey(Check.INTEGRITY)) {
      throw new IllegalArgumentException("integrity cannot be overridden");
    }
    if (level == VerificationLevel.SKIP_LEVEL && !overrides.isEmpty()) {
      throw new IllegalArgumentException("level skip cannot be customised");
    }
  }

  /** {@return the effective action for {@code check}: the override if any, else the level's} */
  public Action action(Check check) {
    Action override = overrides.get(check);
    return override != null ? override : level.action(check);
  }

  /** {@return the effective action for every check} */
  public Map<Check, Action> actions() {
    Map<Check, Action> all = new EnumMap<>(Check.class);
    for (Check check : Check.values()) {
      all.put(check, action(check));
    }
    return all;
  }
}
