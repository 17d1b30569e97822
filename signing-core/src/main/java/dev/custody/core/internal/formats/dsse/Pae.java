package dev.custody.core.internal.formats.dsse;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE pre-authentication encoding (protocol.md; FORMATS.md §6.4): {@code "DSSEv1" SP LEN(type) SP
 * type SP LEN(body) SP body}, where LEN is the decimal byte length without leading zeros. Lengths
 * count bytes, never characters: a payload type with non-ASCII characters is measured in UTF-8
 * bytes (the mistake STYLE.md §20 records in another library).
 */
public final class Pae {
  private static final byte[] PREFIX = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);
  private static final byte SP = 0x20;

  private Pae() {}

  /**
   * Encodes a payload type given as text.
   *
   * @param payloadType the payload type; its UTF-8 bytes are encoded
   * @param body the decoded payload bytes
   * @return the bytes that are signed
   */
  public static Bytes encode(String payloadType, Bytes body) {
    return encode(Bytes.utf8(requireNonNull(payloadType, "payloadType")), body);
  }

  /**
   * Encodes a payload type given as raw bytes.
   *
   * @param payloadType the payload type's bytes
   * @param body the decoded payload bytes
   * @return the bytes that are signed
   */
  public static Bytes encode(Bytes payloadType, Bytes body) {
    requireNonNull(payloadType, "payloadType");
    requireNonNull(body, "body");
    byte[] type = payloadType.toByteArray();
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(PREFIX.length + type.length + content.length + 24);
    out.writeBytes(PREFIX);
    out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
    out.write(SP);
    out.writeBytes(type);
    out.write(SP);
    out.writeBytes(Integer.toString(content.length).getBytes(StandardCharsets.US_ASCII));
    out.write(SP);
    out.writeBytes(content);
    return Bytes.of(out.toByteArray());
  }
}
