package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while checking it against its descriptor: more bytes than the declared
 * size fail at once, and at end of stream the size and then the digest are compared (image-spec
 * descriptor.md asks for the size check before hashing). A mismatch is a
 * {@link ContentMismatchException} naming both values; a reader must reach end of stream before
 * trusting the bytes. Not thread-safe.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Descriptor expected;
  private final String what;
  private final MessageDigest md;
  private long count;
  private boolean verified;

  /**
   * Wraps a stream.
   *
   * @param in the raw content
   * @param expected the digest and size the content must have
   * @param what what is read, for messages, e.g. {@code "blob 127.0.0.1:5000/app@sha256:…"}
   */
  public VerifyingInputStream(InputStream in, Descriptor expected, String what) {
    super(requireNonNull(in, "in"));
    this.expected = requireNonNull(expected, "expected");
    this.what = requireNonNull(what, "what");
    this.md = expected.digest().algorithm().newMessageDigest();
  }

  /** The content differs from its descriptor (size or digest). */
  public static final class ContentMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    ContentMismatchException(String message) {
      super(message);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      verifyAtEnd();
      return -1;
    }
    count += n;
    if (count > expected.size()) {
      throw new ContentMismatchException(
          "read " + what + ": size mismatch (expected " + expected.size()
              + " bytes, got more than that)");
    }
    md.update(b, off, n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping would leave bytes undigested; read them instead.
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
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
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void verifyAtEnd() throws IOException {
    if (verified) {
      return;
    }
    if (count != expected.size()) {
      throw new ContentMismatchException(
          "read " + what + ": size mismatch (expected " + expected.size() + " bytes, got "
              + count + ")");
    }
    Digest actual = Digest.ofHash(expected.digest().algorithm(), md.digest());
    if (!actual.equals(expected.digest())) {
      throw new ContentMismatchException(
          "read " + what + ": digest mismatch (expected " + expected.digest() + ", got " + actual
              + ")");
    }
    verified = true;
  }
}
