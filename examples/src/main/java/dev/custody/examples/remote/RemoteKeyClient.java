package dev.custody.examples.remote;

import dev.custody.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Talks to the signing service over HTTP with the JDK's client: bounded responses, a timeout on
 * every call, plain HTTP only to loopback addresses.
 */
final class RemoteKeyClient {
  /** A PEM public key or a DER signature is far smaller than this. */
  private static final int MAX_RESPONSE_BYTES = 16 * 1024;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

  /** {@return the SPKI DER bytes of the key at {@code key}} */
  Bytes publicKey(URI key) throws IOException {
    byte[] pem = call(HttpRequest.newBuilder(checked(key)).GET());
    String text = new String(pem, StandardCharsets.US_ASCII);
    String body =
        text.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return Bytes.of(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new IOException("public key of " + key + " is not PEM", e);
    }
  }

  /** {@return the service's signature of {@code digest}} */
  Bytes sign(URI key, Bytes digest) throws IOException {
    return Bytes.of(
        call(
            HttpRequest.newBuilder(checked(URI.create(key + "/sign")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(digest.toByteArray()))));
  }

  private byte[] call(HttpRequest.Builder request) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (body.length > MAX_RESPONSE_BYTES) {
        throw new IOException("response over " + MAX_RESPONSE_BYTES + " bytes");
      }
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return body;
    }
  }

  private static URI checked(URI uri) throws IOException {
    boolean loopback =
        "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
      throw new IOException("expected https (or http to a loopback address), got " + uri.getScheme());
    }
    return uri;
  }
}
