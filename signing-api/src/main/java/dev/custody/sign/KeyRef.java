package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a key, as given to {@code --key}: a file path ({@code cosign.key}), or a URI whose
 * scheme names the {@link KeyProvider} that understands it ({@code pkcs11:token=…},
 * {@code azurekms://vault/key}, {@code file:/keys/cosign.pub}).
 *
 * <p>A reference should hold no secret, but an RFC 7512 PKCS#11 URI may carry a {@code pin-value}
 * attribute: {@link #toString()} returns the reference as given except that the value of every
 * {@code pin-value} attribute reads {@code REDACTED}, so messages and logs that print a reference
 * never show a PIN. {@link #value()} returns it unchanged.
 *
 * @param value the reference as given, not blank
 * @since 0.1
 */
public record KeyRef(String value) {
  /** Schemes of two or more letters; a single letter is a Windows drive, so a path. */
  /** RFC 7512 §2.3 {@code pin-value} query attribute, up to the next attribute separator. */
  private static final Pattern PIN_VALUE = Pattern.compile("(?i)((?:^|[?&;])pin-value=)[^&;]*");

  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]+):(.*)", Pattern.DOTALL);

  /**
   * Validates the reference.
   *
   * @param value the reference as given, not blank
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public KeyRef {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("invalid key reference: blank");
    }
  }

  /**
   * {@return the reference {@code value}}
   *
   * @param value a file path or a URI whose scheme names a key provider; not blank
   */
  public static KeyRef parse(String value) {
    return new KeyRef(value);
  }

  /** {@return the lower-case scheme, {@code file} for a plain path} */
  public String scheme() {
    Matcher m = SCHEME.matcher(value);
    return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "file";
  }

  /**
   * Returns what follows the scheme: the path for {@code file} references (with a leading
   * {@code //} of {@code file://} removed), the scheme-specific part otherwise.
   *
   * @return the location
   */
  public String location() {
    Matcher m = SCHEME.matcher(value);
    if (!m.matches()) {
      return value;
    }
    String rest = m.group(2);
    if (scheme().equals("file") && rest.startsWith("//")) {
      return rest.substring(2);
    }
    return rest;
  }

  /** {@return the reference as given, with any {@code pin-value} attribute's value redacted} */
  @Override
  public String toString() {
    return PIN_VALUE.matcher(value).replaceAll("$1REDACTED");
  }
}
