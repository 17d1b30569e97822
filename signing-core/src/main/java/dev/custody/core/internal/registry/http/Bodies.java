package dev.custody.core.internal.registry.http;

import dev.custody.Bytes;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reads response bodies with a size bound, so a hostile server cannot exhaust memory. */
public final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body, refusing more than {@code limit} bytes.
   *
   * @param body the body; not closed here
   * @param limit the most bytes accepted
   * @param what what is read, for the message (no secrets)
   * @return the bytes
   * @throws IOException if reading fails or the body exceeds {@code limit}
   */
  public static Bytes read(ResponseBody body, long limit, String what) throws IOException {
    if (body.contentLength() > limit) {
      throw tooLarge(what, limit, Long.toString(body.contentLength()));
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() <= limit) {
      if (source.read(buffer, 8192) == -1) {
        return Bytes.of(buffer.readByteArray());
      }
    }
    throw tooLarge(what, limit, "more");
  }

  private static IOException tooLarge(String what, long limit, String got) {
    return new IOException(
        "read " + what + ": body too large (expected at most " + limit + " bytes, got " + got + ")");
  }
}
