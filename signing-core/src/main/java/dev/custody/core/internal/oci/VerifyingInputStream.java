package dev.custody.core.internal.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes content through while digesting it in constant memory, and checks it against a
 * descriptor: a byte beyond the declared size fails at once (before it is handed out), and when
 * the declared size is reached, or at end of stream, the size and digest are checked. A failure
 * is a {@link ContentMismatchException} naming both digests. The content is trustworthy only once
 * a read has returned {@code -1} (or {@link #verified()} is true).
 *
 * <p>Hashing uses the JDK's {@code MessageDigest} (the SUN provider's SHA intrinsics, never Bouncy
 * Castle; PERFORMANCE.md). Not thread-safe; {@code mark}/{@code reset} are not supported.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Descriptor expected;
  private final MessageDigest digest;
  private long count;
  private boolean verified;

  /**
   * Wraps {@code in}.
   *
   * @param in the untrusted content; closed when this stream is closed
   * @param expected the digest and size the content must have
   */
  public VerifyingInputStream(InputStream in, Descriptor expected) {
    super(requireNonNull(in, "in"));
    this.expected = requireNonNull(expected, "expected");
    this.digest = expected.digest().algorithm().newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (verified) {
      // The declared size was reached: anything more is a violation, and nothing more is handed out.
      int extra = in.read();
      if (extra >= 0) {
        throw ContentMismatchException.tooLong(expected, count + 1);
      }
      return -1;
    }
    // Never read past the declared size in one go, so an overlong stream is caught before the
    // surplus reaches the caller.
    long remaining = expected.size() - count;
    int n = in.read(buffer, offset, (int) Math.min(length, Math.max(remaining, 1)));
    if (n < 0) {
      verify();
      return -1;
    }
    count += n;
    if (count > expected.size()) {
      throw ContentMismatchException.tooLong(expected, count);
    }
    digest.update(buffer, offset, n);
    if (count == expected.size()) {
      verify();
    }
    return n;
  }

  private void verify() throws ContentMismatchException {
    if (verified) {
      return;
    }
    Digest actual = Digest.ofHash(expected.digest().algorithm(), digest.digest());
    if (count != expected.size() || !actual.equals(expected.digest())) {
      throw ContentMismatchException.mismatch(expected, count, actual);
    }
    verified = true;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be digested.
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a reset would digest bytes twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** {@return how many bytes have passed through} */
  public long count() {
    return count;
  }

  /** {@return whether the full content has arrived and matched size and digest} */
  public boolean verified() {
    return verified;
  }
}
