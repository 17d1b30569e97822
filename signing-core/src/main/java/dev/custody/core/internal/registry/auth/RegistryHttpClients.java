package dev.custody.core.internal.registry.auth;

import static java.util.Objects.requireNonNull;

import dev.custody.core.internal.registry.credentials.CredentialHelpers;
import dev.custody.core.internal.registry.credentials.DockerConfigCredentialProvider;
import dev.custody.core.internal.registry.http.HttpFoundation;
import dev.custody.core.internal.registry.http.Sleeper;
import dev.custody.registry.CredentialProvider;
import dev.custody.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;

/**
 * Builds the one {@link OkHttpClient} through which a {@code RegistryStore} talks to registries:
 * authenticated ({@link AuthInterceptor}), retried, time-bounded, HTTPS by default, logged with
 * secrets redacted. Build one per {@link RegistryOptions} and share it between stores: it pools
 * connections and caches tokens and credentials. Requests should carry a {@link RegistryScope} (or
 * {@link RegistryScopes}) tag so tokens ask for least privilege.
 *
 * <pre>{@code
 * OkHttpClient http = RegistryHttpClients.create(storeOptions.registry());
 * }</pre>
 *
 * <p>Application interceptors, outermost first: plain-HTTP policy, User-Agent, auth, retry; network
 * interceptors: plain-HTTP policy (each redirect hop), logging.
 */
public final class RegistryHttpClients {
  /** How long a docker credential helper may take. */
  public static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

  private RegistryHttpClients() {}

  /**
   * Builds the client for {@code options}, reading the process environment ({@code DOCKER_CONFIG},
   * {@code PATH}) and {@code user.home} for docker credentials.
   *
   * @param options the registry options
   * @return a new client; callers share it
   */
  public static OkHttpClient create(RegistryOptions options) {
    return builder(options).build();
  }

  /** {@return a builder whose setters replace the environment and timing (for tests)} */
  public static Builder builder(RegistryOptions options) {
    return new Builder(options);
  }

  /** Builds the client. Not thread-safe. */
  public static final class Builder {
    private final RegistryOptions options;
    private final HttpFoundation.Builder foundation;
    private Map<String, String> environment = System.getenv();
    private Path home = Path.of(System.getProperty("user.home", "."));
    private Optional<List<Path>> path = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(RegistryOptions options) {
      this.options = requireNonNull(options, "options");
      this.foundation = HttpFoundation.builder(options);
    }

    /** Reads {@code DOCKER_CONFIG} and {@code PATH} from {@code value}. @param value the environment @return this */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    /** Uses {@code value} as the home directory. @param value the directory @return this */
    public Builder home(Path value) {
      this.home = requireNonNull(value, "value");
      return this;
    }

    /** Searches credential helpers in {@code value} only. @param value directories @return this */
    public Builder executablePath(List<Path> value) {
      this.path = Optional.of(List.copyOf(value));
      return this;
    }

    /** Reads time (token expiry, Retry-After) from {@code value}. @param value the clock @return this */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "value");
      foundation.clock(value);
      return this;
    }

    /** Waits between retries with {@code value}. @param value the sleeper @return this */
    public Builder sleeper(Sleeper value) {
      foundation.sleeper(value);
      return this;
    }

    /** Draws retry jitter from {@code value}. @param value the source @return this */
    public Builder random(DoubleSupplier value) {
      foundation.random(value);
      return this;
    }

    /** Measures elapsed time with {@code value}. @param value the source @return this */
    public Builder nanoTime(LongSupplier value) {
      foundation.nanoTime(value);
      return this;
    }

    /** Logs every exchange to {@code value}. @param value the sink @return this */
    public Builder logSink(Consumer<String> value) {
      foundation.logSink(value);
      return this;
    }

    /** {@return the client} */
    public OkHttpClient build() {
      return buildFoundation().client;
    }

    /** Built parts, for tests that inspect the transport. */
    static final class Built {
      final HttpFoundation foundation;
      final OkHttpClient client;

      Built(HttpFoundation foundation, OkHttpClient client) {
        this.foundation = foundation;
        this.client = client;
      }
    }

    Built buildFoundation() {
      HttpFoundation transport = foundation.build();
      List<CredentialProvider> providers = new ArrayList<>(options.credentialProviders());
      if (options.dockerConfig()) {
        List<Path> dirs = path.orElseGet(() -> CredentialHelpers.parsePath(environment.get("PATH")));
        providers.add(new DockerConfigCredentialProvider(
            DockerConfigCredentialProvider.locate(environment, home),
            new CredentialHelpers(dirs, HELPER_TIMEOUT)));
      }
      TokenClient tokens = new TokenClient(transport.tokenClient(), clock);
      Optional<AcrTokens> acr = options.azureTokenSource()
          .map(source -> new AcrTokens(source, options.azureContainerRegistries(), tokens, clock));
      AuthInterceptor auth = new AuthInterceptor(new CredentialResolver(providers), tokens, new TokenCache(clock), acr);
      OkHttpClient client = transport.base().newBuilder()
          .addInterceptor(auth)
          .addInterceptor(transport.retry())
          .build();
      return new Built(transport, client);
    }
  }
}
