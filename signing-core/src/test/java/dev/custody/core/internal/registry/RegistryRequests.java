package dev.custody.core.internal.registry;

import dev.custody.core.internal.registry.auth.RegistryScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/** Test clients: one that records requests (method, path, scope tag), one with basic auth. */
final class RegistryRequests implements Interceptor {
  /** One request as sent. */
  record Seen(String method, String path, String query, RegistryScope scope, int status) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();

  @Override
  public okhttp3.Response intercept(Chain chain) throws java.io.IOException {
    okhttp3.Response response = chain.proceed(chain.request());
    seen.add(
        new Seen(
            chain.request().method(),
            chain.request().url().encodedPath(),
            chain.request().url().query() == null ? "" : chain.request().url().query(),
            chain.request().tag(RegistryScope.class),
            response.code()));
    return response;
  }

  long count(String method, String pathPart) {
    return seen.stream()
        .filter(s -> s.method().equals(method) && s.path().contains(pathPart))
        .count();
  }

  OkHttpClient client() {
    return new OkHttpClient.Builder().addInterceptor(this).build();
  }

  /** A stand-in for the auth layer's client: basic credentials on every request. */
  static OkHttpClient basicAuth(String username, String password) {
    String header = Credentials.basic(username, password);
    return new OkHttpClient.Builder()
        .addInterceptor(
            chain ->
                chain.proceed(chain.request().newBuilder().header("Authorization", header).build()))
        .build();
  }
}
