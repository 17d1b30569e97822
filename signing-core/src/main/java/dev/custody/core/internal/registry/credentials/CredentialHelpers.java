package dev.custody.core.internal.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.registry.Credential;
import dev.custody.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs docker credential helpers, {@code docker-credential-<name> get} (FORMATS §2.12): the server
 * URL on stdin, {@code {"ServerURL","Username","Secret"}} on stdout; username {@code <token>}
 * means the secret is an identity token; "credentials not found" means none. The executable is
 * searched on the given PATH only; its output is bounded ({@value #MAX_OUTPUT} bytes) and so is
 * its time. Its stderr is discarded. Thread-safe.
 */
public final class CredentialHelpers {
  static final int MAX_OUTPUT = 64 * 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final List<Path> path;
  private final Duration timeout;

  /**
   * Creates a runner.
   *
   * @param path the directories searched for helpers, in order
   * @param timeout how long a helper may take
   */
  public CredentialHelpers(List<Path> path, Duration timeout) {
    this.path = List.copyOf(path);
    this.timeout = timeout;
  }

  /** {@return the directories of a PATH value ({@link File#pathSeparator}-separated)} */
  public static List<Path> parsePath(String pathVariable) {
    List<Path> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String dir : pathVariable.split(Pattern.quote(File.pathSeparator))) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return dirs;
  }

  /**
   * Asks helper {@code name} for the credential of {@code serverUrl}.
   *
   * @param name the helper suffix from {@code credsStore} or {@code credHelpers}
   * @param serverUrl what to look up
   * @return the credential, or empty when the helper has none
   * @throws StoreException if the helper is missing, fails, hangs or answers nonsense; the message
   *     never contains its secret
   */
  public Optional<Credential> get(String name, String serverUrl) throws StoreException {
    String what = "get credentials for " + serverUrl + " from docker-credential-" + shortened(name);
    if (!NAME.matcher(name).matches()) {
      throw new StoreException(Reason.INVALID_INPUT, what + ": not a valid helper name", null);
    }
    Path exe = find("docker-credential-" + name).orElseThrow(
        () -> new StoreException(Reason.IO, what + ": helper not found on PATH", null));
    Process process;
    try {
      process = new ProcessBuilder(exe.toString(), "get")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new StoreException(Reason.IO, what + ": cannot start it (" + e.getMessage() + ")", e);
    }
    try {
      java.util.concurrent.FutureTask<byte[]> output =
          new java.util.concurrent.FutureTask<>(() -> readBounded(process.getInputStream()));
      Thread reader = new Thread(output, "docker-credential-" + name + " reader");
      reader.setDaemon(true);
      reader.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write((serverUrl + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a helper may exit without reading stdin; its answer decides
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      byte[] out;
      try {
        out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new StoreException(Reason.IO, what + ": no answer within " + timeout.toSeconds() + " s", null);
      }
      if (out == null) {
        throw new StoreException(
            Reason.LIMIT_EXCEEDED, what + ": output larger than " + MAX_OUTPUT + " bytes", null);
      }
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
        throw new StoreException(Reason.IO, what + ": no answer within " + timeout.toSeconds() + " s", null);
      }
      return answer(what, process.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(Reason.IO, what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new StoreException(Reason.IO, what + ": cannot read its output", e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static Optional<Credential> answer(String what, int exit, byte[] out) throws StoreException {
    String text = new String(out, StandardCharsets.UTF_8).trim();
    if (exit != 0) {
      if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      // A helper that failed after printing its answer must not put the secret in our message.
      String shown = text.startsWith("{") || text.toLowerCase(java.util.Locale.ROOT).contains("secret")
          ? "output withheld: it may hold a secret"
          : firstLine(text);
      throw new StoreException(Reason.UNAUTHORIZED, what + ": exited with status " + exit + " (" + shown + ")", null);
    }
    JsonNode root;
    try {
      root = Json.read(Bytes.of(out), "helper output");
    } catch (InvalidInputException e) {
      throw new StoreException(Reason.PROTOCOL, what + ": output is not JSON", null); // no detail: it may quote the secret
    }
    String username = root.path("Username").asText("");
    String secret = root.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (username.equals("<token>") || username.isEmpty()) {
        return Optional.of(Credential.identityToken(secret));
      }
      return Optional.of(Credential.basic(username, secret));
    } catch (IllegalArgumentException e) {
      throw new StoreException(Reason.PROTOCOL, what + ": unusable username or secret", null);
    }
  }

  private Optional<Path> find(String executable) {
    for (Path dir : path) {
      for (String suffix : new String[] {"", ".exe"}) {
        Path candidate = dir.resolve(executable + suffix);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** {@return the stream's bytes, or null past {@link #MAX_OUTPUT}} */
  private static byte[] readBounded(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) != -1) {
        out.write(buf, 0, n);
        if (out.size() > MAX_OUTPUT) {
          return null;
        }
      }
      return out.toByteArray();
    }
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("no message");
    line = line.replaceAll("\\p{Cntrl}", "?");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String shortened(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }
}
