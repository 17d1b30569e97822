package dev.custody.core.internal.registry.http;

import dev.custody.registry.RegistryOptions;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The transport under every registry and token-service call: timeouts, lazily initialised TLS
 * with an optional CA bundle, the plain-HTTP policy, redacted logging, and retries. The auth layer
 * ({@code registry.auth}) is stacked on top. Immutable once built; thread-safe.
 */
public final class HttpFoundation {
  private final RegistryOptions options;
  private final PlainHttpPolicy plainHttp;
  private final LazyTls tls;
  private final HttpLogging logging;
  private final RetryInterceptor retry;
  private final OkHttpClient base;

  private HttpFoundation(Builder b) {
    this.options = b.options;
    this.plainHttp = new PlainHttpPolicy(options.httpRegistries());
    this.tls = new LazyTls(options.caBundle());
    this.logging = b.logSink.map(HttpLogging::new).orElseGet(HttpLogging::new);
    this.retry = new RetryInterceptor(
        new RetryPolicy(options.maxRetries(), options.maxRetryDelay(), b.random, b.clock),
        b.sleeper,
        options.callTimeout(),
        b.nanoTime);
    String userAgent = options.userAgent();
    this.base = new OkHttpClient.Builder()
        .connectTimeout(options.connectTimeout())
        .readTimeout(options.readTimeout())
        .writeTimeout(options.readTimeout())
        .callTimeout(options.callTimeout())
        .followRedirects(true)
        // A redirect must not switch between https and http (it would downgrade, or bypass the
        // plain-HTTP policy's intent); the network interceptor below checks each hop as well.
        .followSslRedirects(false)
        .sslSocketFactory(tls.socketFactory(), tls.trustManager())
        .addInterceptor(plainHttp)
        .addInterceptor(chain -> chain.proceed(
            chain.request().header("User-Agent") != null
                ? chain.request()
                : chain.request().newBuilder().header("User-Agent", userAgent).build()))
        .addNetworkInterceptor(plainHttp)
        .addNetworkInterceptor(logging)
        .build();
  }

  /** {@return a builder for {@code options}} */
  public static Builder builder(RegistryOptions options) {
    return new Builder(options);
  }

  /** {@return the options this transport was built from} */
  public RegistryOptions options() {
    return options;
  }

  /**
   * Returns the base client (no retries, no auth): interceptors added by {@code newBuilder()} on it
   * run before the plain-HTTP check and user agent, and share its connection pool.
   *
   * @return the base client
   */
  public OkHttpClient base() {
    return base;
  }

  /** {@return the retry interceptor, to add innermost among application interceptors} */
  public Interceptor retry() {
    return retry;
  }

  /** {@return a client for token services: the base with retries} */
  public OkHttpClient tokenClient() {
    return base.newBuilder().addInterceptor(retry).build();
  }

  /** {@return whether TLS has been set up (it is set up by the first HTTPS connection)} */
  public boolean isTlsInitialised() {
    return tls.isInitialised();
  }

  /** Builds a {@link HttpFoundation}; the setters are test hooks. Not thread-safe. */
  public static final class Builder {
    private final RegistryOptions options;
    private Sleeper sleeper = Sleeper.REAL;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;
    private Optional<Consumer<String>> logSink = Optional.empty();

    private Builder(RegistryOptions options) {
      this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** Waits between attempts with {@code value}. @param value the sleeper @return this builder */
    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    /** Draws jitter in [0, 1) from {@code value}. @param value the source @return this builder */
    public Builder random(DoubleSupplier value) {
      this.random = value;
      return this;
    }

    /** Reads wall time (Retry-After dates) from {@code value}. @param value the clock @return this builder */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** Reads elapsed time from {@code value}. @param value the source @return this builder */
    public Builder nanoTime(LongSupplier value) {
      this.nanoTime = value;
      return this;
    }

    /** Logs every exchange to {@code value} instead of SLF4J. @param value the sink @return this builder */
    public Builder logSink(Consumer<String> value) {
      this.logSink = Optional.of(value);
      return this;
    }

    /** {@return the transport} */
    public HttpFoundation build() {
      return new HttpFoundation(this);
    }
  }

}
