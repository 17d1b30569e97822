package dev.custody.cli;

import dev.custody.attest.PredicateTypes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --type T}: a short name ({@code slsaprovenance1}, {@code vuln}, {@code approval},
 * {@code promotion}, …) or a predicate type URI, resolved to the URI; anything else is a usage
 * error listing the short names.
 */
final class PredicateTypeOption implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    try {
      return PredicateTypes.resolve(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
