package dev.custody.core.internal.registry.http;

import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange that reaches the network (redirect hops included) at DEBUG on the logger
 * {@code dev.custody.http}, which {@code --verbose} enables: method, URL, headers, status and time.
 * Secrets are redacted ({@link Redaction}); bodies are never logged.
 */
final class HttpLogging implements Interceptor {
  static final Logger LOG = LoggerFactory.getLogger("dev.custody.http");

  private final Consumer<String> sink;
  private final boolean enabled;

  /** Logs to SLF4J when DEBUG is enabled there. */
  HttpLogging() {
    this(LOG::debug, LOG.isDebugEnabled());
  }

  /** Logs every line to {@code sink} (tests). */
  HttpLogging(Consumer<String> sink) {
    this(sink, true);
  }

  private HttpLogging(Consumer<String> sink, boolean enabled) {
    this.sink = sink;
    this.enabled = enabled;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!enabled && !LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    sink.accept("--> " + request.method() + " " + Redaction.url(request.url()) + headers(request.headers()));
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      sink.accept("<-- failed " + request.method() + " " + Redaction.url(request.url()) + ": " + e.getClass().getSimpleName());
      throw e;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    sink.accept(
        "<-- "
            + response.code()
            + " "
            + request.method()
            + " "
            + Redaction.url(request.url())
            + " ("
            + millis
            + " ms)"
            + headers(response.headers()));
    return response;
  }

  private static String headers(Headers headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      out.append("\n    ")
          .append(headers.name(i))
          .append(": ")
          .append(Redaction.header(headers.name(i), headers.value(i)));
    }
    return out.toString();
  }
}
