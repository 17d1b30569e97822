package dev.custody.core.internal.notary.trust;

import java.util.Optional;

/** What a failed check does to its signature (notation-go {@code trustpolicy.ValidationAction}). */
public enum Action {
  /** A failure rejects the signature and stops the remaining checks. */
  ENFORCE("enforce"),
  /** A failure is reported as a warning; verification continues. */
  LOG("log"),
  /** The check is not run. */
  SKIP("skip");

  private final String jsonName;

  Action(String jsonName) {
    this.jsonName = jsonName;
  }

  /** {@return the spelling used in trust policies} */
  public String jsonName() {
    return jsonName;
  }

  /** {@return the action spelled {@code name} in a policy, exact spelling} */
  public static Optional<Action> fromJsonName(String name) {
    for (Action action : values()) {
      if (action.jsonName.equals(name)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
