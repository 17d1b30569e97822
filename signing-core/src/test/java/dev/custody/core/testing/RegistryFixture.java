package dev.custody.core.testing;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (CNCF distribution v2) on
 * 127.0.0.1 with a free port, a temporary filesystem storage directory and
 * {@code storage.delete.enabled: true}; optionally with htpasswd basic auth.
 *
 * <p>Register it as a static field; the registry starts lazily before the class's tests:
 *
 * <pre>{@code
 * class PushTest {
 *   @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();
 *   @RegisterExtension static final RegistryFixture SECURED = RegistryFixture.withBasicAuth();
 *
 *   @Test
 *   void push_anonymous_succeeds() {
 *     String repo = REGISTRY.uniqueRepository("push");      // e.g. "test/push-3f2a-7"
 *     String ref = REGISTRY.hostPort() + "/" + repo + ":v1";  // 127.0.0.1:PORT/test/push-...:v1
 *     ...
 *     SECURED.username(); SECURED.password();             // for the auth instance
 *   }
 * }
 * }</pre>
 *
 * <p><b>Sharing.</b> There is at most one anonymous and one basic-auth registry per JVM (that is,
 * per test run of a module), started on first use and shared by every test class; tests isolate
 * themselves with {@link #uniqueRepository(String)}. The instances are closed when the JUnit run
 * ends (an {@link AutoCloseable} in the root context's store, the JUnit 5.13+ successor of
 * {@code ExtensionContext.Store.CloseableResource}) and, as a backstop, by a JVM shutdown hook.
 * Both stop the process by its PID and delete its directory. Accessors may also be called outside
 * a JUnit lifecycle (they start the registry lazily, and the shutdown hook stops it).
 *
 * <p><b>Missing binary.</b> If {@code docker-registry} is not installed the test fails (never
 * skips) with {@code docker-registry not found: sudo apt-get install -y docker-registry}. A
 * registry that does not answer {@code GET /v2/} within a bounded time fails with its log.
 *
 * <p>Thread-safe.
 */
public final class RegistryFixture implements BeforeAllCallback {
  private enum Kind {
    ANONYMOUS,
    BASIC_AUTH
  }

  private static final Map<Kind, RegistryProcess> RUNNING = new EnumMap<>(Kind.class);
  private static final AtomicLong REPOSITORY_COUNTER = new AtomicLong();
  /** Distinguishes runs that share one registry directory by accident; cheap insurance. */
  private static final String RUN_ID =
      Long.toHexString(ProcessHandle.current().pid() & 0xffff);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryFixture.class);

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(RegistryFixture::stopAll, "custody-registry-fixture-stop"));
  }

  private final Kind kind;

  private RegistryFixture(Kind kind) {
    this.kind = kind;
  }

  /** {@return the fixture for the shared registry that accepts anonymous pushes and pulls} */
  public static RegistryFixture anonymous() {
    return new RegistryFixture(Kind.ANONYMOUS);
  }

  /**
   * {@return the fixture for the shared registry that requires basic auth with {@link #username()}
   * and {@link #password()}}
   */
  public static RegistryFixture withBasicAuth() {
    return new RegistryFixture(Kind.BASIC_AUTH);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running();
    // One closer per run on the root context: JUnit closes it when the whole run ends.
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Closer.class, k -> new Closer(), Closer.class);
  }

  /** {@return {@code 127.0.0.1:PORT}, the registry host for image references} */
  public String hostPort() {
    return running().hostPort();
  }

  /** {@return {@code http://127.0.0.1:PORT}, the base URL (append {@code /v2/...})} */
  public String baseUrl() {
    return running().baseUrl();
  }

  /** {@return whether this registry requires basic auth} */
  public boolean requiresAuth() {
    return kind == Kind.BASIC_AUTH;
  }

  /**
   * {@return the user name of the basic-auth registry}
   *
   * @throws IllegalStateException on the anonymous registry
   */
  public String username() {
    return running().username().orElseThrow(this::noAuth);
  }

  /**
   * {@return the password of the basic-auth registry (random per run)}
   *
   * @throws IllegalStateException on the anonymous registry
   */
  public String password() {
    return running().password().orElseThrow(this::noAuth);
  }

  /** {@return the registry's log so far, for failure messages} */
  public String log() {
    return running().log();
  }

  /** {@return the PID of the registry process} */
  public long pid() {
    return running().pid();
  }

  /**
   * Returns a repository name no other test in this run uses, e.g. {@code test/push-1a2b-7}.
   *
   * @param hint a readable part, typically the test's name; characters a repository name does not
   *     allow are replaced
   * @return a valid, unique repository path
   */
  public String uniqueRepository(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    clean = clean.replaceAll("^-+|-+$", "");
    if (clean.isEmpty()) {
      clean = "repo";
    }
    if (clean.length() > 60) {
      clean = clean.substring(0, 60).replaceAll("-+$", "");
    }
    return "test/" + clean + "-" + RUN_ID + "-" + REPOSITORY_COUNTER.incrementAndGet();
  }

  /** {@return {@code 127.0.0.1:PORT/REPOSITORY:TAG}} */
  public String reference(String repository, String tag) {
    return hostPort() + "/" + repository + ":" + tag;
  }

  private IllegalStateException noAuth() {
    return new IllegalStateException(
        "the anonymous registry has no credentials: use RegistryFixture.withBasicAuth()");
  }

  private RegistryProcess running() {
    synchronized (RUNNING) {
      RegistryProcess process = RUNNING.get(kind);
      if (process == null || !process.isRunning()) {
        if (process != null) {
          process.close();
        }
        process = RegistryProcess.start(kind == Kind.BASIC_AUTH);
        RUNNING.put(kind, process);
      }
      return process;
    }
  }

  private static void stopAll() {
    synchronized (RUNNING) {
      RUNNING.values().forEach(RegistryProcess::close);
      RUNNING.clear();
    }
  }

  /** Stops every shared registry when the root extension context closes (end of the run). */
  private static final class Closer implements AutoCloseable {
    @Override
    public void close() {
      stopAll();
    }
  }
}
