package dev.custody.cli;

import dev.custody.sign.ReferrersMode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --registry-referrers-mode legacy|oci-1-1} (cosign's names); else a usage error. */
final class ReferrersModeConverter implements ITypeConverter<ReferrersMode> {
  @Override
  public ReferrersMode convert(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "legacy":
        return ReferrersMode.LEGACY;
      case "oci-1-1":
        return ReferrersMode.OCI_1_1;
      default:
        throw new TypeConversionException("expected legacy or oci-1-1, got '" + value + "'");
    }
  }
}
