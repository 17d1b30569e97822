package dev.custody.core.internal.formats;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The base64 flavours of FORMATS.md §0 rule 4: writers emit standard base64 with padding (DSSE,
 * cosign annotations, x5c, protojson bytes) or unpadded base64url (JWS parts); readers are liberal
 * where the specifications ask for it (DSSE, protojson) and strict where they do not (JWS).
 */
public final class Base64s {
  private static final Pattern URL_NO_PADDING = Pattern.compile("[A-Za-z0-9_-]*");

  private Base64s() {}

  /** {@return standard base64 with padding (RFC 4648 §4)} */
  public static String standard(Bytes content) {
    return Base64.getEncoder().encodeToString(content.toByteArray());
  }

  /** {@return unpadded base64url (RFC 4648 §5, RFC 7515 §2)} */
  public static String urlNoPadding(Bytes content) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(content.toByteArray());
  }

  /**
   * Decodes standard or URL-safe base64, padded or not (DSSE envelope.md requires verifiers to
   * accept both alphabets; protojson readers accept missing padding).
   *
   * @param text the encoded text
   * @return the decoded bytes
   * @throws IllegalArgumentException if the text is not base64 in either alphabet
   */
  public static Bytes decodeStandardOrUrl(String text) {
    requireNonNull(text, "text");
    boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    Base64.Decoder decoder = url ? Base64.getUrlDecoder() : Base64.getDecoder();
    return Bytes.of(decoder.decode(text));
  }

  /**
   * Decodes unpadded base64url strictly, as JWS requires.
   *
   * @param text the encoded text
   * @return the decoded bytes
   * @throws IllegalArgumentException on padding, other alphabets or an impossible length
   */
  public static Bytes decodeUrlNoPadding(String text) {
    requireNonNull(text, "text");
    if (!URL_NO_PADDING.matcher(text).matches() || text.length() % 4 == 1) {
      throw new IllegalArgumentException("not unpadded base64url");
    }
    return Bytes.of(Base64.getUrlDecoder().decode(text));
  }
}
