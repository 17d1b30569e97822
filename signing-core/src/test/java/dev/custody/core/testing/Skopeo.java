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
 * bounded wait and captured output. {@code --insecure-policy} is passed unless a policy is given
 * ({@link #withPolicy}), so the machine's {@code /etc/containers/policy.json} never matters; TLS verification is off, as the fixture
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

  /** The sigstore-capable skopeo installer, relative to the repository root (FORMATS.md §4.4). */
  static final String SIGSTORE_INSTALLER = "../shared/tools/install-skopeo-sigstore";
  /** Where {@code .ci/run} installs it, relative to the repository root. */
  static final String SIGSTORE_TOOLS = "target/test-tools";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private final Path binary;
  private final Optional<String> credentials;
  private final Optional<Path> policy;
  private final Optional<Path> registriesD;

  private Skopeo(Path binary, Optional<String> credentials) {
    this(binary, credentials, Optional.empty(), Optional.empty());
  }

  private Skopeo(
      Path binary, Optional<String> credentials, Optional<Path> policy, Optional<Path> registriesD) {
    this.binary = binary;
    this.credentials = credentials;
    this.policy = policy;
    this.registriesD = registriesD;
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
    return new Skopeo(binary, Optional.of(username + ":" + password), policy, registriesD);
  }

  /**
   * {@return a skopeo that can sign and verify sigstore (cosign-format) signatures}: Debian 12's
   * cannot, so this runs {@code ../shared/tools/install-skopeo-sigstore target/test-tools} from the
   * repository root (idempotent: it returns at once when {@code .ci/run} already installed it) and
   * uses {@code target/test-tools/bin/skopeo}.
   *
   * @throws AssertionError naming the paths tried if the installer is missing or fails
   */
  public static Skopeo sigstoreCapable() {
    Path root = repositoryRoot();
    Path tools = root.resolve(SIGSTORE_TOOLS);
    Path installer = root.resolve(SIGSTORE_INSTALLER).normalize();
    Path wrapper = tools.resolve("bin").resolve("skopeo");
    if (!Files.isRegularFile(installer)) {
      if (Files.isExecutable(wrapper)) {
        return at(wrapper);
      }
      throw new AssertionError(
          "sigstore-capable skopeo not found: neither "
              + wrapper
              + " nor its installer "
              + installer
              + " exists (the shared tools directory must sit next to the repository; .ci/run runs"
              + " the installer into target/test-tools)");
    }
    install(installer, tools);
    if (!Files.isExecutable(wrapper)) {
      throw new AssertionError(installer + " ran but did not create " + wrapper);
    }
    return at(wrapper);
  }

  /** The nearest ancestor of the working directory holding {@code .ci/run} (the repository root). */
  private static Path repositoryRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci").resolve("run"))) {
        return dir;
      }
    }
    throw new AssertionError("no repository root (a directory with .ci/run) above " + start);
  }

  private static void install(Path installer, Path tools) {
    try {
      Path log = Files.createTempFile("custody-skopeo-install-", ".log");
      try {
        Process process =
            new ProcessBuilder("bash", installer.toString(), tools.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(installer + " did not finish in time:\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
          throw new AssertionError(
              installer + " " + tools + " exited with " + process.exitValue() + ":\n"
                  + Files.readString(log));
        }
      } finally {
        deleteQuietly(log);
      }
    } catch (IOException e) {
      throw new AssertionError("run " + installer + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + installer, e);
    }
  }

  /**
   * {@return a copy that enforces {@code policyFile} (a containers-policy.json) instead of passing
   * {@code --insecure-policy}}
   */
  public Skopeo withPolicy(Path policyFile) {
    return new Skopeo(binary, credentials, Optional.of(policyFile), registriesD);
  }

  /**
   * {@return a copy that reads registry configuration (e.g. {@code use-sigstore-attachments}) from
   * {@code directory} ({@code --registries.d})}
   */
  public Skopeo withRegistriesD(Path directory) {
    return new Skopeo(binary, credentials, policy, Optional.of(directory));
  }

  /**
   * Runs {@code skopeo copy} with {@code options} before the two references, TLS verification off
   * on both sides and the credentials, if any; the exit status is not checked (for refusals).
   *
   * @return the outcome
   * @throws AssertionError if skopeo cannot run or times out
   */
  public Result tryCopy(List<String> options, String source, String destination) {
    List<String> args =
        new ArrayList<>(List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
    credentials.ifPresent(c -> args.addAll(List.of("--src-creds", c, "--dest-creds", c)));
    args.addAll(options);
    args.add(source);
    args.add(destination);
    return run(args);
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
    if (policy.isPresent()) {
      command.addAll(List.of("--policy", policy.get().toString()));
    } else {
      command.add("--insecure-policy");
    }
    registriesD.ifPresent(d -> command.addAll(List.of("--registries.d", d.toString())));
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
