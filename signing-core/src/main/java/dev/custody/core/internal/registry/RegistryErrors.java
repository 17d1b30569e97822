package dev.custody.core.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.store.StoreException;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Response;

/**
 * Turns a failed registry response into a {@link StoreException}: the OCI error body
 * (distribution-spec "Error Codes", FORMATS.md §2.9, {@code {"errors":[{"code","message",
 * "detail"}]}}) is read with a small bound and its first error names the registry code. The message
 * reads {@code <action>: <problem> (HTTP <status>, registry code <CODE>: <message>)}.
 */
public final class RegistryErrors {
  /** Error bodies are short; a larger one is cut, never read whole. */
  static final int MAX_ERROR_BODY = 16 * 1024;

  private static final int MAX_SHOWN = 200;

  private RegistryErrors() {}

  /**
   * Builds the exception for a response whose status the caller did not expect. Reads (a bounded
   * prefix of) the body; the caller still closes the response.
   *
   * @param response the failed response
   * @param action action and subject, e.g. {@code "pull manifest 127.0.0.1:5000/app@sha256:…"}
   * @return the exception to throw
   */
  public static StoreException toException(Response response, String action) {
    int status = response.code();
    Optional<OciError> error = readError(response);
    String code = error.map(OciError::code).orElse("");
    Reason reason = reasonFor(status, code);
    StringBuilder message = new StringBuilder(action).append(": ").append(problem(reason));
    message.append(" (HTTP ").append(status);
    if (!code.isEmpty()) {
      message.append(", registry code ").append(shorten(code));
      error
          .map(OciError::message)
          .filter(m -> !m.isEmpty())
          .ifPresent(m -> message.append(": ").append(shorten(m)));
    }
    message.append(')');
    return new StoreException(reason, message.toString(), null, status, shorten(code));
  }

  /** The code decides when it is specific; otherwise the HTTP status does. */
  static Reason reasonFor(int status, String code) {
    switch (code.toUpperCase(Locale.ROOT)) {
      case "UNAUTHORIZED":
        return Reason.UNAUTHORIZED;
      case "DENIED":
        return Reason.DENIED;
      case "TOOMANYREQUESTS":
        return Reason.RATE_LIMITED;
      case "BLOB_UNKNOWN":
      case "MANIFEST_UNKNOWN":
      case "NAME_UNKNOWN":
      case "MANIFEST_BLOB_UNKNOWN":
      case "BLOB_UPLOAD_UNKNOWN":
        return Reason.NOT_FOUND;
      case "DIGEST_INVALID":
      case "SIZE_INVALID":
        return Reason.DIGEST_MISMATCH;
      default:
        break;
    }
    switch (status) {
      case 401:
        return Reason.UNAUTHORIZED;
      case 403:
        return Reason.DENIED;
      case 404:
        return Reason.NOT_FOUND;
      case 413:
        return Reason.LIMIT_EXCEEDED;
      case 429:
        return Reason.RATE_LIMITED;
      default:
        return status >= 500 ? Reason.IO : Reason.PROTOCOL;
    }
  }

  private static String problem(Reason reason) {
    switch (reason) {
      case UNAUTHORIZED:
        return "unauthorized (missing or rejected credentials)";
      case DENIED:
        return "access denied";
      case RATE_LIMITED:
        return "rate limited by the registry";
      case NOT_FOUND:
        return "not found";
      case DIGEST_MISMATCH:
        return "the registry rejected the digest or size";
      case LIMIT_EXCEEDED:
        return "too large for the registry";
      case IO:
        return "registry server error";
      default:
        return "unexpected registry response";
    }
  }

  private static Optional<OciError> readError(Response response) {
    if (response.body() == null || response.request().method().equals("HEAD")) {
      return Optional.empty();
    }
    try {
      Bytes body = ResponseBodies.readUpTo(response, MAX_ERROR_BODY);
      if (body.isEmpty()) {
        return Optional.empty();
      }
      JsonNode errors = Json.read(body, "registry error body").path("errors");
      if (!errors.isArray() || errors.isEmpty()) {
        return Optional.empty();
      }
      JsonNode first = errors.get(0);
      return Optional.of(
          new OciError(first.path("code").asText(""), first.path("message").asText("")));
    } catch (InvalidInputException | java.io.IOException e) {
      // Not JSON (an HTML page from a proxy, a cut body): the status alone decides.
      return Optional.empty();
    }
  }

  /** {@return untrusted text with control characters blanked, cut to 200 characters} */
  public static String shorten(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}]", " ");
    return clean.length() <= MAX_SHOWN ? clean : clean.substring(0, MAX_SHOWN) + "…";
  }

  private record OciError(String code, String message) {}
}
