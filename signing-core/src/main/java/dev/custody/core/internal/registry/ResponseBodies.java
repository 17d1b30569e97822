package dev.custody.core.internal.registry;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.oci.BoundedReads;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Bounded reads of response bodies: a registry that sends too much gets an error, not our heap. */
public final class ResponseBodies {
  private ResponseBodies() {}

  /**
   * Reads a whole body of at most {@code max} bytes: a larger {@code Content-Length} is refused
   * before reading, and a body without one (chunked) is cut off at {@code max + 1} bytes.
   *
   * @param response the response; its body stream is closed here
   * @param max the largest body accepted
   * @param action action and subject, for the message
   * @return the exact body bytes
   * @throws StoreException {@link Reason#LIMIT_EXCEEDED} when too large, {@link Reason#IO} when the
   *     body cannot be read (e.g. the connection drops mid-body)
   */
  public static Bytes read(Response response, int max, String action) throws StoreException {
    ResponseBody body = response.body();
    if (body == null) {
      return Bytes.empty();
    }
    long length = body.contentLength();
    OptionalLong declared = length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
    try (InputStream in = body.byteStream()) {
      return BoundedReads.read(in, declared, max, "response body");
    } catch (InvalidInputException e) {
      throw new StoreException(e.reason(), action + ": " + e.getMessage(), e, response.code(), "");
    } catch (IOException e) {
      throw new StoreException(Reason.IO, action + ": reading the response failed: " + e, e);
    }
  }

  /**
   * Reads at most {@code limit} bytes of the body, silently stopping there.
   *
   * @param response the response; not closed here
   * @param limit the most bytes read
   * @return the bytes read
   * @throws IOException if the body cannot be read
   */
  static Bytes readUpTo(Response response, long limit) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return Bytes.empty();
    }
    try (InputStream in = body.byteStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long remaining = limit;
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        remaining -= n;
      }
      return Bytes.of(out.toByteArray());
    }
  }
}
