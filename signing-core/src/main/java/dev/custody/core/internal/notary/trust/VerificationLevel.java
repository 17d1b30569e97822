package dev.custody.core.internal.notary.trust;

import static dev.custody.core.internal.notary.trust.Action.ENFORCE;
import static dev.custody.core.internal.notary.trust.Action.LOG;
import static dev.custody.core.internal.notary.trust.Action.SKIP;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The preset levels of {@code signatureVerification.level}, with the action each gives every check.
 *
 * <p>Source: notation-go {@code verifier/trustpolicy/trustpolicy.go} ({@code LevelStrict},
 * {@code LevelPermissive}, {@code LevelAudit}, {@code LevelSkip}) and the table in
 * {@code notaryproject/specifications:specs/trust-store-trust-policy.md}; FORMATS.md §5.7:
 *
 * <table>
 *   <caption>Action per check and level</caption>
 *   <tr><th>level</th><th>integrity</th><th>authenticity</th><th>authenticTimestamp</th>
 *       <th>expiry</th><th>revocation</th></tr>
 *   <tr><td>strict</td><td>enforce</td><td>enforce</td><td>enforce</td><td>enforce</td>
 *       <td>enforce</td></tr>
 *   <tr><td>permissive</td><td>enforce</td><td>enforce</td><td>log</td><td>log</td><td>log</td></tr>
 *   <tr><td>audit</td><td>enforce</td><td>log</td><td>log</td><td>log</td><td>log</td></tr>
 *   <tr><td>skip</td><td>skip</td><td>skip</td><td>skip</td><td>skip</td><td>skip</td></tr>
 * </table>
 *
 * <p>The trusted identity check is part of authenticity and takes its action. {@code skip}
 * verifies nothing: no signature is even read.
 */
public enum VerificationLevel {
  /** Every check enforced. */
  STRICT("strict", ENFORCE, ENFORCE, ENFORCE, ENFORCE, ENFORCE),
  /** Integrity and authenticity enforced; the rest logged. */
  PERMISSIVE("permissive", ENFORCE, ENFORCE, LOG, LOG, LOG),
  /** Only integrity enforced; the rest logged. */
  AUDIT("audit", ENFORCE, LOG, LOG, LOG, LOG),
  /** Nothing verified. */
  SKIP_LEVEL("skip", SKIP, SKIP, SKIP, SKIP, SKIP);

  private final String jsonName;
  private final Map<Check, Action> actions;

  VerificationLevel(
      String jsonName,
      Action integrity,
      Action authenticity,
      Action authenticTimestamp,
      Action expiry,
      Action revocation) {
    this.jsonName = jsonName;
    Map<Check, Action> map = new EnumMap<>(Check.class);
    map.put(Check.INTEGRITY, integrity);
    map.put(Check.AUTHENTICITY, authenticity);
    map.put(Check.AUTHENTIC_TIMESTAMP, authenticTimestamp);
    map.put(Check.EXPIRY, expiry);
    map.put(Check.REVOCATION, revocation);
    this.actions = map;
  }

  /** {@return the spelling used in trust policies} */
  public String jsonName() {
    return jsonName;
  }

  /** {@return the action this level gives {@code check} before overrides} */
  public Action action(Check check) {
    return actions.get(check);
  }

  /** {@return the level spelled {@code name}, exact spelling} */
  public static Optional<VerificationLevel> fromJsonName(String name) {
    for (VerificationLevel level : values()) {
      if (level.jsonName.equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
