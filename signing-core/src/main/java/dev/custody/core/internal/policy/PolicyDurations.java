package dev.custody.core.internal.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Policy durations (POLICY.md "Durations"): a positive number of minutes, hours or days. */
final class PolicyDurations {
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  private PolicyDurations() {}

  /** {@return the duration written {@code text} ({@code 30m}, {@code 12h}, {@code 7d}), or empty} */
  static Optional<Duration> parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m":
        return Optional.of(Duration.ofMinutes(n));
      case "h":
        return Optional.of(Duration.ofHours(n));
      default:
        return Optional.of(Duration.ofDays(n));
    }
  }

  /** {@return {@code d} written the way a policy would, e.g. {@code 7d}} */
  static String format(Duration d) {
    long minutes = d.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    if (minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    return minutes + "m";
  }
}
