package dev.custody.examples.admission;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.examples.admission.AdmissionReviews.MalformedReviewException;
import dev.custody.examples.admission.AdmissionReviews.PodReview;
import dev.custody.policy.CustodyPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Kubernetes validating admission webhook that admits a pod only if every image it runs
 * (containers, init containers, ephemeral containers) satisfies a custody policy. Served by the
 * JDK's own HTTP server, over HTTPS with a key store (what Kubernetes requires) or plain HTTP for
 * tests on 127.0.0.1.
 *
 * <pre>{@code
 * CustodyPolicy policy = custody.readPolicy(Path.of("policy.yaml"));
 * AdmissionWebhook webhook =
 *     new AdmissionWebhook(ImageCheck.custody(custody, policy), AdmissionWebhook.DEFAULT_DEADLINE, 8);
 * try (AdmissionWebhook.Running server = webhook.start(new InetSocketAddress(8443), tls)) {
 *   ...   // POST AdmissionReview v1 JSON to /validate
 * }
 * }</pre>
 *
 * <p>What it promises:
 *
 * <ul>
 *   <li><b>Denies with reasons</b>: the response's {@code status.message} names each failing image
 *       and each failing stage with its reason code.
 *   <li><b>Answers within the deadline</b>: verification runs on a bounded pool and the webhook
 *       waits at most {@code deadline} (set it below the webhook's {@code timeoutSeconds}, 10 s by
 *       default); an image not verified by then is a denial.
 *   <li><b>Fails closed</b>: a busy pool, an unreadable image, an internal error or a malformed
 *       review all deny; a review without a readable uid gets HTTP 400 (the API server then
 *       applies the webhook's {@code failurePolicy}, which must be {@code Fail}).
 *   <li><b>Trusts no claim of the pod</b>: only image references are read from the pod; an
 *       annotation such as {@code custody.dev/verified: "true"} changes nothing.
 *   <li><b>Verifies each image once per review</b>: fifty containers of one image cost one
 *       evaluation.
 *   <li><b>Bounds its input</b>: request bodies over {@link #MAX_BODY_BYTES} are refused.
 * </ul>
 *
 * <p>Register it for pod {@code CREATE} and {@code UPDATE} (and {@code pods/ephemeralcontainers}),
 * with {@code failurePolicy: Fail}. Thread-safe.
 */
public final class AdmissionWebhook {
  /** The path the webhook serves. */
  public static final String PATH = "/validate";
  /** The largest request body read: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  /** One second under Kubernetes' default {@code timeoutSeconds} (10), leaving time to answer. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(9);

  private final ImageCheck check;
  private final Duration deadline;
  private final int verifierThreads;

  /**
   * Creates the webhook.
   *
   * @param check how one image is evaluated, usually {@link ImageCheck#custody}
   * @param deadline how long a review may take, less than the webhook's {@code timeoutSeconds}
   * @param verifierThreads how many images are verified at once, across all reviews
   */
  public AdmissionWebhook(ImageCheck check, Duration deadline, int verifierThreads) {
    this.check = requireNonNull(check, "check");
    this.deadline = requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive (got " + deadline + ")");
    }
    if (verifierThreads < 1) {
      throw new IllegalArgumentException("verifierThreads must be at least 1 (got " + verifierThreads + ")");
    }
    this.verifierThreads = verifierThreads;
  }

  /** A running server; closing it stops the server and the verifier pool. */
  public static final class Running implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService requests;
    private final ExecutorService verifiers;

    private Running(HttpServer server, ExecutorService requests, ExecutorService verifiers) {
      this.server = server;
      this.requests = requests;
      this.verifiers = verifiers;
    }

    /** {@return the address the server listens on (with the port chosen if 0 was asked)} */
    public InetSocketAddress address() {
      return server.getAddress();
    }

    @Override
    public void close() {
      server.stop(0);
      requests.shutdownNow();
      verifiers.shutdownNow();
    }
  }

  /**
   * Starts serving {@link #PATH}.
   *
   * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 0)}
   * @param tls the TLS context for HTTPS, or empty for plain HTTP (tests, a TLS-terminating proxy)
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public Running start(InetSocketAddress address, Optional<SSLContext> tls) throws IOException {
    HttpServer server;
    if (tls.isPresent()) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
      server = https;
    } else {
      server = HttpServer.create(address, 64);
    }
    ExecutorService verifiers = verifierPool(verifierThreads);
    ExecutorService requests = Executors.newFixedThreadPool(Math.max(2, verifierThreads), daemon("admission-request"));
    PodVerification verification = new PodVerification(check, verifiers, deadline);
    server.createContext(PATH, exchange -> serve(exchange, verification));
    server.setExecutor(requests);
    server.start();
    return new Running(server, requests, verifiers);
  }

  /** A fixed pool with a bounded queue: overload is refused (and denied), never queued forever. */
  private static ExecutorService verifierPool(int threads) {
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(threads * 16), daemon("custody-verifier"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void serve(HttpExchange exchange, PodVerification verification) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, "text/plain", bytes("POST an AdmissionReview to " + PATH));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        reply(exchange, 413, "text/plain", bytes("request body over " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      Answer answer = review(body, verification);
      reply(exchange, answer.status, answer.contentType, answer.body);
    }
  }

  /** An HTTP answer. */
  record Answer(int status, String contentType, byte[] body) {}

  /** Decides one review; package-private so tests can call it without HTTP. */
  static Answer review(byte[] body, PodVerification verification) {
    PodReview pod;
    try {
      pod = AdmissionReviews.read(body);
    } catch (MalformedReviewException e) {
      if (e.uid().isEmpty()) {
        return new Answer(400, "text/plain", bytes("malformed AdmissionReview: " + e.getMessage()));
      }
      return deny(e.uid().get(), "malformed AdmissionReview: " + e.getMessage());
    }
    List<String> denials;
    try {
      denials = verification.denials(pod.images());
    } catch (RuntimeException e) {
      return deny(pod.uid(), "internal error " + e.getClass().getSimpleName() + " (fails closed)");
    }
    if (denials.isEmpty()) {
      return new Answer(200, "application/json", AdmissionReviews.response(pod.uid(), true, ""));
    }
    return deny(pod.uid(), "custody policy not satisfied: " + String.join("; ", denials));
  }

  private static Answer deny(String uid, String message) {
    String bounded = message.length() > 4000 ? message.substring(0, 4000) + "…" : message;
    return new Answer(200, "application/json", AdmissionReviews.response(uid, false, bounded));
  }

  private static void reply(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Loads a TLS context from a PKCS#12 key store holding the webhook's key and certificate.
   *
   * @param keyStore the PKCS#12 file
   * @param password its password; zeroed by the caller afterwards
   * @return the context for {@link #start}
   * @throws IOException if the file cannot be read
   * @throws GeneralSecurityException if it is not a usable key store
   */
  public static SSLContext tls(Path keyStore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /**
   * Serves the webhook: {@code AdmissionWebhook POLICY [PORT [KEYSTORE]]}. With a PKCS#12 key
   * store it serves HTTPS, its password read from {@code WEBHOOK_KEYSTORE_PASSWORD}.
   *
   * @param args the policy file, the port (8443) and the key store
   * @throws Exception if the policy, the key store or the port cannot be used
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("usage: AdmissionWebhook POLICY [PORT [KEYSTORE]]");
    }
    Custody custody = Custody.builder().build();
    CustodyPolicy policy;
    try {
      policy = custody.readPolicy(Path.of(args[0]));
    } catch (CustodyException e) {
      throw new IllegalArgumentException("read policy " + args[0] + ": " + e.getMessage(), e);
    }
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8443;
    Optional<SSLContext> tls = Optional.empty();
    if (args.length > 2) {
      String password = System.getenv("WEBHOOK_KEYSTORE_PASSWORD");
      tls = Optional.of(tls(Path.of(args[2]), password == null ? new char[0] : password.toCharArray()));
    }
    new AdmissionWebhook(ImageCheck.custody(custody, policy), DEFAULT_DEADLINE, 8)
        .start(new InetSocketAddress(port), tls);
    System.out.println("admission webhook for policy " + policy.name() + " on port " + port + PATH);
  }
}
