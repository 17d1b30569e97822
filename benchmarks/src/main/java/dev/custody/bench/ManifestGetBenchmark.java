package dev.custody.bench;

import dev.custody.Custody;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.oci.MediaType;
import dev.custody.store.ArtifactStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm manifest GET by digest on a loopback registry ({@code $CUSTODY_BENCH_REGISTRY}, host:port
 * of a {@code docker-registry} that run.sh starts): Custody's {@code RegistryStore.manifest} (auth
 * interceptors, bounded read, digest check, parse) against a bare OkHttp GET and a bare JDK
 * HttpClient GET of the same URL, all on kept-alive connections. run.sh measures {@code curl}
 * keep-alive on the same URL in the same round.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ManifestGetBenchmark {
  private static final String ACCEPT = MediaType.OCI_MANIFEST.value();

  private ArtifactStore store;
  private Descriptor descriptor;
  private OkHttpClient okHttp;
  private Request okRequest;
  private HttpClient jdk;
  private HttpRequest jdkRequest;

  /** Pushes the image to the registry (a copy from a layout) and opens the clients. */
  @Setup
  public void setUp() throws Exception {
    String registry = System.getenv("CUSTODY_BENCH_REGISTRY");
    if (registry == null || registry.isEmpty()) {
      throw new IllegalStateException("set CUSTODY_BENCH_REGISTRY=127.0.0.1:PORT (run.sh starts one)");
    }
    Path dir = Files.createTempDirectory("custody-bench-registry");
    BenchImages.writeLayout(dir, 11);
    Custody custody = Custody.builder().build();
    ImageReference remote = ImageReference.parse(registry + "/bench/app:" + BenchImages.TAG);
    custody.copy(ImageReference.parse("oci:" + dir + ":" + BenchImages.TAG), remote);
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
    store = custody.open(remote);
    descriptor = store.resolve(BenchImages.TAG);
    String url = "http://" + registry + "/v2/bench/app/manifests/" + descriptor.digest();
    okHttp = new OkHttpClient();
    okRequest = new Request.Builder().url(url).header("Accept", ACCEPT).build();
    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    jdkRequest = HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT).build();
  }

  /** Closes the store and OkHttp's pool. */
  @TearDown
  public void tearDown() throws Exception {
    store.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }

  /** Custody: RegistryStore.manifest(digest). */
  @Benchmark
  public Manifest custodyManifest() throws Exception {
    return store.manifest(descriptor.digest());
  }

  /** A bare OkHttp GET, body read to a byte array. */
  @Benchmark
  public byte[] okHttpGet() throws IOException {
    try (Response response = okHttp.newCall(okRequest).execute()) {
      return response.body().bytes();
    }
  }

  /** A bare JDK HttpClient GET (HTTP/1.1), body read to a byte array. */
  @Benchmark
  public byte[] jdkHttpClientGet() throws Exception {
    return jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
  }
}
