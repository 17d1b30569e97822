package dev.custody.core.testing;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code skopeo} (Debian 12's 1.9 is enough for copy, inspect and manifest-digest) with a
 * bounded wait and captured output. {@code --insecure-policy} is always passed so the machine's
 * {@code /etc/containers/policy.json} does not matter; TLS verification is off, as the fixture
 * registry speaks plain HTTP on 127.0.0.1.
 *
 * <pre>{@code
 * Skopeo skopeo = Skopeo.system();
 * skopeo.copy("oci:" + layout + ":v1", "docker://" + REGISTRY.reference(repo, "v1"));
 * Bytes raw = skopeo.inspectRaw("docker://" + REGISTRY.reference(repo, "v1"));
 * }</pre>
 *
 * <p>Failures (missing binary, non-zero exit, timeout) are {@link AssertionError}s carrying the
 * command and its output, so a test fails with everything needed to see why.
 */
public final class Skopeo {
  static final String NOT_FOUND_MESSAGE = "skopeo not found: sudo apt-get install -y skopeo";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final Path binary;
  private final Optional<String> credentials;

  private Skopeo(Path binary, Optional<String> credentials) {
    this.binary = binary;
    this.credentials = credentials;
  }

  /**
   * {@return the skopeo on the PATH (or {@code /usr/bin/skopeo})}
   *
   * @throws AssertionError with the install command if skopeo is not installed
   */
  public static Skopeo system() {
    return at(find("skopeo").orElseThrow(() -> new AssertionError(NOT_FOUND_MESSAGE)));
  }

  /** {@return a runner for the skopeo binary at {@code binary}, e.g. a sigstore-capable one} */
  public static Skopeo at(Path binary) {
    return new Skopeo(requireNonNull(binary, "binary"), Optional.empty());
  }

  /** {@return a copy that sends {@code username:password} to registries (source and destination)} */
  public Skopeo withCredentials(String username, String password) {
    return new Skopeo(binary, Optional.of(username + ":" + password));
  }

  /** {@return a copy that authenticates as the fixture's user} */
  public Skopeo withCredentials(RegistryFixture registry) {
    return withCredentials(registry.username(), registry.password());
  }

  /** The outcome of one run. @param exitCode the exit status @param stdout raw standard output @param stderr standard error */
  public record Result(int exitCode, Bytes stdout, String stderr) {
    /** {@return standard output as UTF-8 text} */
    public String stdoutText() {
      return stdout.asUtf8();
    }
  }

  /**
   * Copies an image: {@code skopeo copy --all --preserve-digests SRC DST}, e.g. from
   * {@code oci:DIR:TAG} to {@code docker://127.0.0.1:PORT/repo:tag}. {@code --all} copies every
   * platform of an index; {@code --preserve-digests} makes skopeo fail rather than rewrite a
   * manifest (by default it gzips uncompressed layers for registries, which changes the digest).
   *
   * @throws AssertionError if skopeo fails or times out
   */
  public Result copy(String source, String destination) {
    List<String> args = new ArrayList<>(List.of("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false"));
    credentials.ifPresent(c -> args.addAll(List.of("--src-creds", c, "--dest-creds", c)));
    args.add(source);
    args.add(destination);
    return runOk(args);
  }

  /**
   * {@return the exact manifest bytes, {@code skopeo inspect --raw REF}}
   *
   * @throws AssertionError if skopeo fails or times out
   */
  public Bytes inspectRaw(String reference) {
    List<String> args = new ArrayList<>(List.of("inspect", "--raw", "--tls-verify=false"));
    credentials.ifPresent(c -> args.addAll(List.of("--creds", c)));
    args.add(reference);
    return runOk(args).stdout();
  }

  /**
   * {@return {@code skopeo manifest-digest FILE}}
   *
   * @throws AssertionError if skopeo fails or times out
   */
  public Digest manifestDigest(Path manifestFile) {
    return Digest.parse(runOk(List.of("manifest-digest", manifestFile.toString())).stdoutText().trim());
  }

  /**
   * Runs skopeo with {@code args} and requires exit status 0.
   *
   * @throws AssertionError with the command and its output otherwise
   */
  public Result runOk(List<String> args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "skopeo " + redacted(args) + " exited with " + result.exitCode() + ":\n" + result.stderr()
              + result.stdoutText());
    }
    return result;
  }

  /**
   * Runs skopeo with {@code args}, waiting at most two minutes.
   *
   * @throws AssertionError if it cannot start or does not finish in time (it is then killed)
   */
  public Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--insecure-policy");
    command.addAll(args);
    Path out = null;
    Path err = null;
    try {
      // Files, not pipes: a full pipe buffer cannot block the child.
      out = Files.createTempFile("custody-skopeo-", ".out");
      err = Files.createTempFile("custody-skopeo-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "skopeo " + redacted(args) + " did not finish within " + TIMEOUT.toSeconds() + " s:\n"
                + Files.readString(err));
      }
      return new Result(
          process.exitValue(), Bytes.of(Files.readAllBytes(out)), Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("run skopeo " + redacted(args) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running skopeo " + redacted(args), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private String redacted(List<String> args) {
    String joined = String.join(" ", args);
    return credentials.map(c -> joined.replace(c, "<credentials>")).orElse(joined);
  }

  private static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    Path debian = Path.of("/usr/bin", name);
    return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // best effort: a leftover temp file is harmless
      }
    }
  }
}
