package dev.custody.core.internal.formats;

import dev.custody.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The FORMATS.md worked vectors, stored byte for byte under {@code formats/}. */
public final class Vectors {
  private Vectors() {}

  /** {@return the exact bytes of the golden file {@code name}} */
  public static Bytes load(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/formats/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file formats/" + name);
      }
      return Bytes.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the golden file as text} */
  public static String text(String name) {
    return new String(load(name).toByteArray(), StandardCharsets.UTF_8);
  }

  /** {@return the DER bytes of a golden base64 certificate file} */
  public static byte[] der(String name) {
    return Base64.getDecoder().decode(text(name).trim());
  }
}
