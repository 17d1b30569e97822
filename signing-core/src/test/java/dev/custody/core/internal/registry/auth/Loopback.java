package dev.custody.core.internal.registry.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A MockWebServer on 127.0.0.1 answering with a function and remembering what it received. */
final class Loopback implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

  Loopback(Function<RecordedRequest, MockResponse> answer) throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.add(request);
        return answer.apply(request);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  /** {@return http://127.0.0.1:port + path} */
  HttpUrl url(String path) {
    return HttpUrl.get("http://127.0.0.1:" + server.getPort() + path);
  }

  /** {@return host:port as the auth layer keys it} */
  String host() {
    return "127.0.0.1:" + server.getPort();
  }

  long count(String pathPrefix) {
    return received.stream().filter(r -> r.getPath().startsWith(pathPrefix)).count();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
