package dev.custody.core.internal.pkcs11;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code pkcs11:} URI (RFC 7512) reduced to the attributes Custody can act on through the JDK's
 * SunPKCS11 provider: path attributes {@code token}, {@code object}, {@code id}, {@code slot-id}
 * and {@code type}; query attributes {@code module-path} and {@code pin-source}. A {@code
 * pin-value} is recorded only as present (its value is dropped at once) so that the provider can
 * refuse it: a PIN inside a URI ends up in shell histories and process lists.
 *
 * <p>Other RFC 7512 attributes (manufacturer, serial, model, library-*, slot-description,
 * slot-manufacturer, module-name) are refused rather than ignored, because ignoring a matching
 * attribute could select a different key than the user named (RFC 7512 §2.3: a URI matches only
 * objects that satisfy every attribute).
 *
 * <p>Immutable; {@link #format()} yields the canonical text, never a PIN, and {@code
 * parse(format(u)).equals(u)} holds for every URI without a {@code pin-value}.
 */
public final class Pkcs11Uri {
  static final String SCHEME = "pkcs11:";

  /** Longest URI accepted: real ones are well under 1 KiB. */
  static final int MAX_LENGTH = 4096;

  private static final Set<String> TYPES = Set.of("private", "cert", "public");
  private static final Set<String> UNSUPPORTED_PATH =
      Set.of(
          "manufacturer",
          "serial",
          "model",
          "library-manufacturer",
          "library-description",
          "library-version",
          "slot-description",
          "slot-manufacturer");

  private final Optional<String> token;
  private final Optional<String> object;
  private final Optional<Bytes> id;
  private final OptionalLong slotId;
  private final Optional<String> type;
  private final Optional<String> modulePath;
  private final Optional<String> pinSource;
  private final boolean hasPinValue;

  private Pkcs11Uri(Builder b) {
    this.token = Optional.ofNullable(b.token);
    this.object = Optional.ofNullable(b.object);
    this.id = Optional.ofNullable(b.id);
    this.slotId = b.slotId == null ? OptionalLong.empty() : OptionalLong.of(b.slotId);
    this.type = Optional.ofNullable(b.type);
    this.modulePath = Optional.ofNullable(b.modulePath);
    this.pinSource = Optional.ofNullable(b.pinSource);
    this.hasPinValue = b.hasPinValue;
  }

  /** {@return a builder for URIs made in code (tests, the CLI)} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a {@code pkcs11:} URI.
   *
   * @param text the URI
   * @return the parsed URI
   * @throws IllegalArgumentException naming the problem (never echoing a {@code pin-value}) if the
   *     text is not a {@code pkcs11:} URI with supported attributes
   */
  public static Pkcs11Uri parse(String text) {
    requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "pkcs11 URI too long (expected at most "
              + MAX_LENGTH
              + " characters, got "
              + text.length()
              + ")");
    }
    if (!text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new IllegalArgumentException("not a pkcs11 URI (expected the pkcs11: scheme)");
    }
    String rest = text.substring(SCHEME.length());
    if (rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException("pkcs11 URI must not have a fragment ('#')");
    }
    int question = rest.indexOf('?');
    String path = question < 0 ? rest : rest.substring(0, question);
    String query = question < 0 ? "" : rest.substring(question + 1);
    Builder b = new Builder();
    Set<String> seen = new HashSet<>();
    for (String attribute : split(path, ';')) {
      String name = nameOf(attribute, seen);
      String raw = attribute.substring(name.length() + 1);
      switch (name) {
        case "token":
          b.token(text(raw, name));
          break;
        case "object":
          b.object(text(raw, name));
          break;
        case "id":
          b.id(Bytes.of(decode(raw, name)));
          break;
        case "slot-id":
          b.slotId(number(text(raw, name)));
          break;
        case "type":
          b.type(text(raw, name));
          break;
        default:
          throw unsupported(name, "path");
      }
    }
    for (String attribute : split(query, '&')) {
      String name = nameOf(attribute, seen);
      String raw = attribute.substring(name.length() + 1);
      switch (name) {
        case "module-path":
          b.modulePath(text(raw, name));
          break;
        case "pin-source":
          b.pinSource(text(raw, name));
          break;
        case "pin-value":
          // The value is a secret: do not decode, keep or echo it.
          b.hasPinValue = true;
          break;
        case "module-name":
          throw new IllegalArgumentException(
              "pkcs11 URI: module-name is not supported (give module-path, or set"
                  + " CUSTODY_PKCS11_MODULE)");
        default:
          throw unsupported(name, "query");
      }
    }
    return b.build();
  }

  /** {@return the token label (CKA_LABEL of the token)} */
  public Optional<String> token() {
    return token;
  }

  /** {@return the object label (CKA_LABEL of the key and its certificate)} */
  public Optional<String> object() {
    return object;
  }

  /** {@return the object identifier (CKA_ID), raw bytes} */
  public Optional<Bytes> id() {
    return id;
  }

  /** {@return the slot identifier (CK_SLOT_ID, decimal in the URI)} */
  public OptionalLong slotId() {
    return slotId;
  }

  /** {@return the object type: private, cert or public} */
  public Optional<String> type() {
    return type;
  }

  /** {@return the PKCS#11 module (shared library) to load} */
  public Optional<String> modulePath() {
    return modulePath;
  }

  /** {@return where to read the PIN from: a file path or a {@code file:} URI} */
  public Optional<String> pinSource() {
    return pinSource;
  }

  /** {@return whether the URI carried a {@code pin-value} (whose value was discarded)} */
  public boolean hasPinValue() {
    return hasPinValue;
  }

  /**
   * Formats the URI canonically: path attributes in the order token, object, id, slot-id, type;
   * query attributes module-path, pin-source. {@code pin-value} is never written.
   *
   * @return the URI text
   */
  public String format() {
    StringBuilder out = new StringBuilder(SCHEME);
    StringBuilder path = new StringBuilder();
    token.ifPresent(v -> attribute(path, ';', "token", encode(utf8(v), false)));
    object.ifPresent(v -> attribute(path, ';', "object", encode(utf8(v), false)));
    id.ifPresent(v -> attribute(path, ';', "id", encodeAll(v.toByteArray())));
    slotId.ifPresent(v -> attribute(path, ';', "slot-id", Long.toString(v)));
    type.ifPresent(v -> attribute(path, ';', "type", v));
    out.append(path);
    StringBuilder query = new StringBuilder();
    modulePath.ifPresent(v -> attribute(query, '&', "module-path", encode(utf8(v), true)));
    pinSource.ifPresent(v -> attribute(query, '&', "pin-source", encode(utf8(v), true)));
    if (query.length() > 0) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * Formats the URI for messages: {@link #format()}, with {@code pin-value=REDACTED} appended if
   * the original had one.
   *
   * @return text safe to show
   */
  public String redacted() {
    String formatted = format();
    if (!hasPinValue) {
      return formatted;
    }
    return formatted + (formatted.contains("?") ? "&" : "?") + "pin-value=REDACTED";
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Pkcs11Uri)) {
      return false;
    }
    Pkcs11Uri o = (Pkcs11Uri) other;
    return token.equals(o.token)
        && object.equals(o.object)
        && id.equals(o.id)
        && slotId.equals(o.slotId)
        && type.equals(o.type)
        && modulePath.equals(o.modulePath)
        && pinSource.equals(o.pinSource)
        && hasPinValue == o.hasPinValue;
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, object, id, slotId, type, modulePath, pinSource, hasPinValue);
  }

  /** {@return the redacted form} */
  @Override
  public String toString() {
    return redacted();
  }

  private static Iterable<String> split(String part, char separator) {
    if (part.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(part.split(Pattern.quote(String.valueOf(separator)), -1));
  }

  private static String nameOf(String attribute, Set<String> seen) {
    int equals = attribute.indexOf('=');
    if (equals <= 0) {
      // Not echoed: a mistyped pin-value would otherwise end up in the message.
      throw new IllegalArgumentException("pkcs11 URI: an attribute has no name=value form");
    }
    String name = attribute.substring(0, equals);
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "pkcs11 URI: invalid attribute name (expected lower-case letters, digits and '-')");
    }
    // RFC 7512 §2.3: an attribute may appear at most once.
    if (!seen.add(name)) {
      throw new IllegalArgumentException("pkcs11 URI: attribute " + name + " given twice");
    }
    return name;
  }

  private static IllegalArgumentException unsupported(String name, String where) {
    if (UNSUPPORTED_PATH.contains(name)) {
      return new IllegalArgumentException(
          "pkcs11 URI: attribute "
              + name
              + " is not supported (the JDK's PKCS#11 provider cannot"
              + " match on it; use token, object, id or slot-id)");
    }
    return new IllegalArgumentException("pkcs11 URI: unknown " + where + " attribute " + name);
  }

  private static long number(String value) {
    if (!value.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException(
          "pkcs11 URI: slot-id must be a decimal number (got \"" + shorten(value) + "\")");
    }
    return Long.parseLong(value);
  }

  private static String text(String raw, String name) {
    byte[] bytes = decode(raw, name);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("pkcs11 URI: " + name + " is not UTF-8 after decoding");
    }
  }

  /** Percent-decodes {@code raw}; literal characters stand for their UTF-8 bytes. */
  private static byte[] decode(String raw, String name) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("pkcs11 URI: " + name + " is empty");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); ) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw badPercent(name);
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw badPercent(name);
        }
        out.write(high * 16 + low);
        i += 3;
      } else if (c == '?' || c == ';' || c == '&' || c == '#' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "pkcs11 URI: " + name + " contains a character that must be percent-encoded");
      } else {
        int end = i + Character.charCount(raw.codePointAt(i));
        if (Character.isSurrogate(c) && end == i + 1) {
          throw new IllegalArgumentException("pkcs11 URI: " + name + " is not valid Unicode");
        }
        byte[] encoded = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(encoded, 0, encoded.length);
        i = end;
      }
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException badPercent(String name) {
    return new IllegalArgumentException(
        "pkcs11 URI: " + name + " has a '%' not followed by two hex digits");
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 3986 unreserved characters stay literal; a query value also keeps '/' and ':'. */
  private static String encode(byte[] bytes, boolean inQuery) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean literal =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || (inQuery && (c == '/' || c == ':'));
      if (literal) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** RFC 7512 §2.3 recommends percent-encoding every byte of {@code id}. */
  private static String encodeAll(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
    }
    return out.toString();
  }

  private static void attribute(StringBuilder out, char separator, String name, String value) {
    if (out.length() > 0) {
      out.append(separator);
    }
    out.append(name).append('=').append(value);
  }

  static String shorten(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }

  /** Builds URIs; not thread-safe. */
  public static final class Builder {
    private String token;
    private String object;
    private Bytes id;
    private Long slotId;
    private String type;
    private String modulePath;
    private String pinSource;
    private boolean hasPinValue;

    private Builder() {}

    /**
     * Sets the attribute.
     *
     * @param value the token label, not empty
     * @return this builder
     */
    public Builder token(String value) {
      this.token = nonEmpty(value, "token");
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value the object label, not empty
     * @return this builder
     */
    public Builder object(String value) {
      this.object = nonEmpty(value, "object");
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value the CKA_ID bytes, not empty
     * @return this builder
     */
    public Builder id(Bytes value) {
      if (requireNonNull(value, "id").isEmpty()) {
        throw new IllegalArgumentException("pkcs11 URI: id is empty");
      }
      this.id = value;
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value the slot id, not negative
     * @return this builder
     */
    public Builder slotId(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("pkcs11 URI: slot-id is negative");
      }
      this.slotId = value;
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value private, cert or public
     * @return this builder
     */
    public Builder type(String value) {
      if (!TYPES.contains(requireNonNull(value, "type"))) {
        throw new IllegalArgumentException(
            "pkcs11 URI: unsupported type (expected private, cert or public, got \""
                + shorten(value)
                + "\")");
      }
      this.type = value;
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value the module's file path, not empty
     * @return this builder
     */
    public Builder modulePath(String value) {
      this.modulePath = nonEmpty(value, "module-path");
      return this;
    }

    /**
     * Sets the attribute.
     *
     * @param value a PIN file path or {@code file:} URI, not empty
     * @return this builder
     */
    public Builder pinSource(String value) {
      this.pinSource = nonEmpty(value, "pin-source");
      return this;
    }

    /** {@return the URI} */
    public Pkcs11Uri build() {
      return new Pkcs11Uri(this);
    }

    private static String nonEmpty(String value, String name) {
      if (requireNonNull(value, name).isEmpty()) {
        throw new IllegalArgumentException("pkcs11 URI: " + name + " is empty");
      }
      return value;
    }
  }
}
