package dev.custody.core.internal.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.store.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Reads small documents (manifests, index files, token responses) into memory with a hard bound:
 * a declared size over the bound is refused before anything is read, and the actual read stops
 * one byte past the bound, so a lying or missing size cannot make Custody read more.
 */
public final class BoundedReads {
  private static final int CHUNK = 16 * 1024;

  private BoundedReads() {}

  /**
   * Reads a manifest of at most {@link ArtifactStore#MAX_MANIFEST_BYTES}.
   *
   * @param in the content; read up to one byte past the bound, not closed
   * @param declaredSize the size announced beforehand (descriptor size, {@code Content-Length}), if any
   * @param what what is being read, for messages (e.g. "manifest registry/app:v1")
   * @return the bytes read
   * @throws InvalidInputException with reason {@code LIMIT_EXCEEDED} if the bound is exceeded
   * @throws IOException if reading fails
   */
  public static Bytes readManifest(InputStream in, OptionalLong declaredSize, String what)
      throws InvalidInputException, IOException {
    return read(in, declaredSize, ArtifactStore.MAX_MANIFEST_BYTES, what);
  }

  /**
   * Reads at most {@code maxBytes}.
   *
   * @param in the content; read up to one byte past the bound, not closed
   * @param declaredSize the size announced beforehand, if any
   * @param maxBytes the largest size accepted
   * @param what what is being read, for messages
   * @return the bytes read
   * @throws InvalidInputException with reason {@code LIMIT_EXCEEDED} if the bound is exceeded
   * @throws IOException if reading fails
   */
  public static Bytes read(InputStream in, OptionalLong declaredSize, int maxBytes, String what)
      throws InvalidInputException, IOException {
    requireNonNull(in, "in");
    requireNonNull(declaredSize, "declaredSize");
    requireNonNull(what, "what");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    if (declaredSize.isPresent() && declaredSize.getAsLong() > maxBytes) {
      throw tooLarge(what, maxBytes, Long.toString(declaredSize.getAsLong()));
    }
    int expected = (int) Math.min(declaredSize.orElse(CHUNK), maxBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 32));
    byte[] buffer = new byte[CHUNK];
    long limit = (long) maxBytes + 1;
    long total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      total += n;
    }
    if (total > maxBytes) {
      throw tooLarge(what, maxBytes, "more than " + maxBytes);
    }
    return Bytes.of(out.toByteArray());
  }

  private static InvalidInputException tooLarge(String what, int maxBytes, String got) {
    return new InvalidInputException(
        Reason.LIMIT_EXCEEDED,
        "read " + what + ": too large (expected at most " + maxBytes + " bytes, got " + got + ")");
  }
}
