package dev.custody.cli.output;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --output} formats: text for people, one JSON document for scripts. */
public enum OutputFormat {
  /** Plain text on stdout. */
  TEXT,
  /** One JSON document on stdout; its schema is documented in the README. */
  JSON;

  /** Converts {@code text} or {@code json}; anything else is a usage error. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "text":
          return TEXT;
        case "json":
          return JSON;
        default:
          throw new TypeConversionException("expected text or json, got '" + value + "'");
      }
    }
  }
}
