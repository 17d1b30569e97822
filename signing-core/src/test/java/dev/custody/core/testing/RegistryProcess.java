package dev.custody.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running {@code docker-registry} (CNCF distribution v2) on 127.0.0.1: a free port, a private
 * temporary directory for its storage, config and log, optionally htpasswd basic auth. Created by
 * {@link RegistryFixture}; closing it stops the process by PID and deletes the directory.
 */
final class RegistryProcess implements AutoCloseable {
  static final String NOT_FOUND_MESSAGE =
      "docker-registry not found: sudo apt-get install -y docker-registry";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** A free port can be taken by someone else between probing and binding; try a few. */
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final int port;
  private final Optional<String> username;
  private final Optional<String> password;
  private final Process process;
  private volatile boolean closed;

  private RegistryProcess(
      Path dir, int port, Optional<String> username, Optional<String> password, Process process) {
    this.dir = dir;
    this.port = port;
    this.username = username;
    this.password = password;
    this.process = process;
  }

  /**
   * Starts a registry and returns once {@code GET /v2/} answers.
   *
   * @param withBasicAuth whether to require htpasswd basic auth (a random user and password)
   * @throws IllegalStateException if the binary is missing or the registry does not come up; the
   *     message carries the registry's log
   */
  static RegistryProcess start(boolean withBasicAuth) {
    return start(findBinary(), withBasicAuth);
  }

  /** As {@link #start(boolean)} with a given binary; tests use it to check the failure paths. */
  static RegistryProcess start(Optional<Path> registryBinary, boolean withBasicAuth) {
    Path binary = registryBinary.orElseThrow(() -> new IllegalStateException(NOT_FOUND_MESSAGE));
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(binary, withBasicAuth);
      } catch (PortTakenException e) {
        last = e;
      }
    }
    throw last;
  }

  /** {@return the docker-registry binary: on the PATH, else Debian's location} */
  static Optional<Path> findBinary() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            Stream.of(path.split(java.io.File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, "docker-registry")),
            Stream.of(Path.of("/usr/bin/docker-registry")))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static RegistryProcess startOnce(Path binary, boolean withBasicAuth) {
    Path dir;
    try {
      dir = Files.createTempDirectory("custody-registry-");
    } catch (IOException e) {
      throw new UncheckedIOException("create registry temp dir", e);
    }
    Process process = null;
    try {
      int port = freePort();
      Optional<String> user = Optional.empty();
      Optional<String> pass = Optional.empty();
      String auth = "";
      if (withBasicAuth) {
        user = Optional.of("custody");
        pass = Optional.of(randomHex(12));
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, Htpasswd.line(user.get(), pass.get()));
        auth =
            "auth:\n  htpasswd:\n    realm: custody-test\n    path: " + htpasswd + "\n";
      }
      Path storage = Files.createDirectory(dir.resolve("storage"));
      Path config = dir.resolve("config.yml");
      Files.writeString(config, config(port, storage, auth));
      Path log = dir.resolve("registry.log");
      process =
          new ProcessBuilder(binary.toString(), "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
              .start();
      RegistryProcess registry = new RegistryProcess(dir, port, user, pass, process);
      registry.awaitReady(log);
      return registry;
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        stop(process.toHandle());
      }
      deleteRecursively(dir);
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new UncheckedIOException("start docker-registry", (IOException) e);
    }
  }

  private static String config(int port, Path storage, String auth) {
    // distribution v2 configuration (docs/configuration.md); 'secret' set so it does not warn.
    return "version: 0.1\n"
        + "log:\n  level: info\n  accesslog:\n    disabled: true\n"
        + "storage:\n"
        + "  filesystem:\n    rootdirectory: " + storage + "\n"
        + "  delete:\n    enabled: true\n"
        + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
        + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: " + randomHex(16) + "\n"
        + auth;
  }

  /**
   * Polls {@code GET /v2/} until it answers with any HTTP status (200, or 401 with auth). Between
   * polls it waits on the process itself, so a registry that exits is noticed at once.
   */
  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (probe()) {
        return;
      }
      try {
        if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
          String text = readLog(log);
          if (text.contains("address already in use")) {
            throw new PortTakenException(port, text);
          }
          throw new IllegalStateException(
              "start docker-registry on 127.0.0.1:" + port + ": exited with status "
                  + process.exitValue() + "; its log:\n" + text);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting docker-registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "start docker-registry on 127.0.0.1:" + port + ": GET /v2/ did not answer within "
                + START_TIMEOUT.toSeconds() + " s; its log:\n" + readLog(log));
      }
    }
  }

  private boolean probe() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/v2/").toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      try {
        return c.getResponseCode() > 0;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  String baseUrl() {
    return "http://" + hostPort();
  }

  Optional<String> username() {
    return username;
  }

  Optional<String> password() {
    return password;
  }

  long pid() {
    return process.pid();
  }

  boolean isRunning() {
    return !closed && process.isAlive();
  }

  /** {@return the registry's log so far} */
  String log() {
    return readLog(dir.resolve("registry.log"));
  }

  /** Stops the process by PID (TERM, then KILL after a bounded wait) and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process.toHandle());
    deleteRecursively(dir);
  }

  private static void stop(ProcessHandle handle) {
    ProcessHandle.of(handle.pid()).ifPresent(ProcessHandle::destroy);
    try {
      handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temp dir is harmless
    }
  }

  private static final class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTakenException(int port, String log) {
      super("start docker-registry: port " + port + " was taken; its log:\n" + log);
    }
  }
}
