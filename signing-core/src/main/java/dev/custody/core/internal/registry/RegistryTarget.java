package dev.custody.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.registry.auth.RegistryScope;
import dev.custody.core.internal.registry.http.RegistryHost;
import dev.custody.store.StoreException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repository on one registry, and the shared OkHttp client that reaches it: what every endpoint
 * class needs to build a URL, tag a request with its least-privilege scope and run it. Immutable
 * and thread-safe.
 */
public final class RegistryTarget {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryTarget.class);

  private final OkHttpClient client;
  private final HttpUrl base;
  private final String repository;

  /**
   * Creates a target.
   *
   * @param client the shared client (auth, retries and TLS live in its interceptors)
   * @param baseUrl {@code https://host[:port]}; {@code http://} for a loopback host, or any host
   *     when {@code allowPlainHttp}
   * @param repository the repository path, e.g. {@code team/app}
   * @param allowPlainHttp whether the caller explicitly allowed plain HTTP to this (non-loopback)
   *     host; insecure (the client's plain-HTTP policy must allow it too)
   * @throws IllegalArgumentException if the URL is malformed, has a path, or is plain HTTP to a
   *     non-loopback host without {@code allowPlainHttp}
   */
  public RegistryTarget(
      OkHttpClient client, String baseUrl, String repository, boolean allowPlainHttp) {
    this.client = requireNonNull(client, "client");
    requireNonNull(baseUrl, "baseUrl");
    this.repository = requireNonNull(repository, "repository");
    HttpUrl url = HttpUrl.parse(baseUrl);
    if (url == null) {
      throw new IllegalArgumentException("invalid registry base URL \"" + baseUrl + "\"");
    }
    if (!url.encodedPath().equals("/") || url.query() != null) {
      throw new IllegalArgumentException(
          "registry base URL must be scheme://host[:port] without path or query, got " + url);
    }
    if (url.scheme().equals("http") && !allowPlainHttp && !RegistryHost.isLoopback(url.host())) {
      throw new IllegalArgumentException(
          "plain HTTP is allowed only for loopback hosts or explicitly allowed registries, got "
              + url.host());
    }
    if (repository.isEmpty() || repository.startsWith("/") || repository.endsWith("/")) {
      throw new IllegalArgumentException("invalid repository \"" + repository + "\"");
    }
    this.base = url;
  }

  /** {@return the client} */
  public OkHttpClient client() {
    return client;
  }

  /** {@return the registry base URL} */
  public HttpUrl base() {
    return base;
  }

  /** {@return the repository path} */
  public String repository() {
    return repository;
  }

  /** {@return {@code host[:port]}, as written in image references} */
  public String registryHost() {
    int defaultPort = HttpUrl.defaultPort(base.scheme());
    String host = base.host().contains(":") ? "[" + base.host() + "]" : base.host();
    return base.port() == defaultPort ? host : host + ":" + base.port();
  }

  /** {@return {@code host[:port]/repository}} */
  public String location() {
    return registryHost() + "/" + repository;
  }

  /**
   * {@return {@code /v2/<repository>/<segments…>}} on this registry; each segment is encoded.
   *
   * @param segments path segments after the repository, e.g. {@code manifests}, {@code v1}
   */
  public HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("v2");
    for (String part : repository.split("/")) {
      b.addPathSegment(part);
    }
    for (String segment : segments) {
      b.addPathSegment(segment);
    }
    return b;
  }

  /** {@return a request builder for {@code url} tagged with read access to this repository} */
  public Request.Builder pull(HttpUrl url) {
    return new Request.Builder().url(url).tag(RegistryScope.class, RegistryScope.pull(repository));
  }

  /** {@return a request builder for {@code url} tagged with write access to this repository} */
  public Request.Builder push(HttpUrl url) {
    return new Request.Builder().url(url).tag(RegistryScope.class, RegistryScope.push(repository));
  }

  /**
   * Runs a request. The caller closes the response.
   *
   * @param request the request
   * @param action what is being done, for the message, e.g. {@code "pull manifest …"}
   * @return the response, whatever its status
   * @throws StoreException with {@link Reason#IO} if the registry cannot be reached
   */
  public Response execute(Request request, String action) throws StoreException {
    try {
      Response response = client.newCall(request).execute();
      logWarnings(response, action);
      return response;
    } catch (IOException e) {
      throw new StoreException(
          Reason.IO, action + ": registry unreachable or connection failed: " + e, e);
    }
  }

  /**
   * distribution-spec "Warnings": {@code Warning: 299 - "text"} headers are for the user, never
   * acted upon; shown up to 4096 characters in total.
   */
  private static void logWarnings(Response response, String action) {
    int budget = 4096;
    for (String warning : response.headers("Warning")) {
      if (budget <= 0) {
        break;
      }
      String shown = RegistryErrors.shorten(warning);
      budget -= shown.length();
      LOG.warn("{}: registry warning: {}", action, shown);
    }
  }

  @Override
  public String toString() {
    return "RegistryTarget[" + location() + "]";
  }
}
