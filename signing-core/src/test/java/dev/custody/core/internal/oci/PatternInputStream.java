package dev.custody.core.internal.oci;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Generates {@code length} bytes of a repeating pattern on the fly, never holding more than the
 * caller's buffer; {@code yes custody | head -c N} produces the same bytes. Counts what it served.
 */
final class PatternInputStream extends InputStream {
  private final byte[] pattern;
  private final long length;
  private long position;

  PatternInputStream(String pattern, long length) {
    this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
    this.length = length;
  }

  /** A stream that never ends. */
  static PatternInputStream endless(String pattern) {
    return new PatternInputStream(pattern, Long.MAX_VALUE);
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    return pattern[(int) (position++ % pattern.length)];
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (count == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(count, length - position);
    int p = (int) (position % pattern.length);
    for (int i = 0; i < n; i++) {
      buffer[offset + i] = pattern[p];
      if (++p == pattern.length) {
        p = 0;
      }
    }
    position += n;
    return n;
  }

  long served() {
    return position;
  }
}
