package dev.custody.core.internal.attach;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.policy.SignatureFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The signature schemes Custody implements, by format. Immutable and thread-safe. */
public final class SignatureSchemes {
  private final Map<SignatureFormat, SignatureScheme> byFormat;

  /** @param schemes one per format */
  public SignatureSchemes(List<SignatureScheme> schemes) {
    Map<SignatureFormat, SignatureScheme> map = new EnumMap<>(SignatureFormat.class);
    for (SignatureScheme scheme : schemes) {
      if (map.put(scheme.format(), scheme) != null) {
        throw new IllegalArgumentException("two schemes for " + scheme.format());
      }
    }
    this.byFormat = map;
  }

  /**
   * {@return these schemes reading the time from {@code clock}; see {@link
   * SignatureScheme#withClock}}
   *
   * @param clock the clock
   */
  public SignatureSchemes withClock(Clock clock) {
    List<SignatureScheme> clocked = new ArrayList<>();
    for (SignatureScheme scheme : byFormat.values()) {
      clocked.add(scheme.withClock(clock));
    }
    return new SignatureSchemes(clocked);
  }

  /**
   * {@return the scheme for {@code format}}
   *
   * @throws InvalidInputException if Custody has none yet
   */
  public SignatureScheme forFormat(SignatureFormat format) throws InvalidInputException {
    SignatureScheme scheme = byFormat.get(format);
    if (scheme == null) {
      throw new InvalidInputException(
          Reason.UNSUPPORTED, "signature format " + format.id() + " is not supported yet");
    }
    return scheme;
  }

  /** {@return whether a scheme exists for {@code format}} */
  public boolean supports(SignatureFormat format) {
    return byFormat.containsKey(format);
  }
}
