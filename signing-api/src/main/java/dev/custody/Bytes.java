package dev.custody;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string. Arrays are copied in and out, so no caller can change the content
 * of a {@code Bytes} once made. Used for exact content (manifests, payloads, signatures), whose
 * digests and signatures cover these octets and never a re-serialised form.
 *
 * <p>Instances are thread-safe. {@link #toString()} shows the length and a short hex prefix only.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] content;

  private Bytes(byte[] content) {
    this.content = content;
  }

  /**
   * {@return a copy of {@code content}}
   *
   * @param content the bytes, copied so later changes to the array do not show
   */
  public static Bytes of(byte[] content) {
    requireNonNull(content, "content");
    return content.length == 0 ? EMPTY : new Bytes(content.clone());
  }

  /**
   * {@return the UTF-8 encoding of {@code text}}
   *
   * @param text the text to encode
   */
  public static Bytes utf8(String text) {
    requireNonNull(text, "text");
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@return the empty byte string} */
  public static Bytes empty() {
    return EMPTY;
  }

  /** {@return the number of bytes} */
  public int size() {
    return content.length;
  }

  /** {@return whether there are no bytes} */
  public boolean isEmpty() {
    return content.length == 0;
  }

  /**
   * {@return the byte at {@code index}}
   *
   * @param index the position, from 0 to {@code size() - 1}
   */
  public byte get(int index) {
    return content[index];
  }

  /** {@return a fresh copy of the bytes} */
  public byte[] toByteArray() {
    return content.clone();
  }

  /** {@return a new stream over the bytes} */
  public InputStream openStream() {
    return new ByteArrayInputStream(content);
  }

  /**
   * Decodes the bytes as UTF-8, replacing malformed sequences; for display and for formats
   * that are UTF-8 by definition.
   *
   * @return the decoded text
   */
  public String asUtf8() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** {@return the bytes as lower-case hexadecimal} */
  public String hex() {
    char[] out = new char[content.length * 2];
    for (int i = 0; i < content.length; i++) {
      out[2 * i] = HEX[(content[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[content[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes && Arrays.equals(content, ((Bytes) other).content);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    String hex = content.length > 8 ? Bytes.of(Arrays.copyOf(content, 8)).hex() + "…" : hex();
    return "Bytes[" + content.length + " bytes: " + hex + "]";
  }
}
