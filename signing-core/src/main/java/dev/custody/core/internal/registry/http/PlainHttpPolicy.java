package dev.custody.core.internal.registry.http;

import java.io.IOException;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * HTTPS by default: plain HTTP only to loopback hosts or hosts the user allowed (CLI.md). Installed
 * as an application interceptor (nothing is sent) and as a network interceptor (so a redirect
 * cannot lead to a plain-HTTP host either).
 */
final class PlainHttpPolicy implements Interceptor {
  private final Set<String> allowed;

  PlainHttpPolicy(Set<String> allowedHosts) {
    this.allowed = Set.copyOf(allowedHosts);
  }

  boolean permits(HttpUrl url) {
    if (url.isHttps() || RegistryHost.isLoopback(url.host())) {
      return true;
    }
    String key = RegistryHost.of(url);
    String host = key.indexOf(':') >= 0 && !key.startsWith("[") ? key.substring(0, key.indexOf(':')) : key;
    return allowed.contains(key) || allowed.contains(host);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    if (!permits(url)) {
      throw new PlainHttpRefusedException(RegistryHost.of(url));
    }
    return chain.proceed(chain.request());
  }
}
