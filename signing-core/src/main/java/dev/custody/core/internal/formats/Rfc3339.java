package dev.custody.core.internal.formats;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as the formats use them (FORMATS.md §0 rule 5). */
public final class Rfc3339 {
  // RFC 3339 §5.6 date-time; seconds are mandatory, unlike in java.time's ISO parsers.
  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  private Rfc3339() {}

  /** {@return the timestamp, if {@code text} is a valid RFC 3339 date-time} */
  public static Optional<Instant> tryParse(String text) {
    requireNonNull(text, "text");
    if (!SYNTAX.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      String upper = text.replace('t', 'T').replace('z', 'Z');
      return Optional.of(
          OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@return UTC form with a {@code Z} and only as many fraction digits as needed} */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(requireNonNull(instant, "instant"));
  }

  /** {@return UTC form truncated to whole seconds, as Notary times and annotations use} */
  public static String formatSeconds(Instant instant) {
    return format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
