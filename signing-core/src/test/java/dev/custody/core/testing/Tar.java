package dev.custody.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A tiny writer of uncompressed POSIX ustar archives (POSIX.1-1988 / pax "ustar" format): one
 * 512-byte header per regular file, the content padded to 512 bytes, and two zero blocks at the
 * end. Enough for test image layers; deterministic (fixed mtime, owner 0:0) so digests are stable.
 */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {}

  /**
   * {@return a tar archive holding {@code files} (path to content) as regular files, mode 0644}
   *
   * @throws IllegalArgumentException if a path is longer than 100 bytes (no prefix field use)
   */
  static byte[] of(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach(
        (name, content) -> {
          out.writeBytes(header(name, content.length));
          out.writeBytes(content);
          out.writeBytes(new byte[pad(content.length)]);
        });
    out.writeBytes(new byte[2 * BLOCK]); // end-of-archive marker
    return out.toByteArray();
  }

  private static byte[] header(String name, long size) {
    byte[] h = new byte[BLOCK];
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
    }
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644); // mode
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0); // mtime: the epoch, for reproducible layers
    h[156] = '0'; // typeflag: regular file
    ascii(h, 257, "ustar\0"); // magic
    ascii(h, 263, "00"); // version
    ascii(h, 265, "root"); // uname
    ascii(h, 297, "root"); // gname
    // The checksum is computed with its own field read as eight spaces.
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String checksum = String.format("%06o", sum);
    ascii(h, 148, checksum);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  /** Writes {@code value} as zero-padded octal digits followed by a NUL, filling the field. */
  private static void octal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    int width = length - 1;
    if (digits.length() > width) {
      throw new IllegalArgumentException("tar field too small for " + value);
    }
    ascii(h, offset, "0".repeat(width - digits.length()) + digits);
    h[offset + width] = 0;
  }

  private static void ascii(byte[] h, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }

  private static int pad(long size) {
    int rest = (int) (size % BLOCK);
    return rest == 0 ? 0 : BLOCK - rest;
  }
}
