package dev.custody.registry;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How Custody talks to registries: where credentials come from, TLS trust, which hosts may be
 * reached over plain HTTP, timeouts and retries. Create with {@link #defaults()} or {@link
 * #builder()}; derive variants with {@link #toBuilder()}.
 *
 * <p>Defaults: credentials from the configured providers, then docker {@code config.json}, else
 * anonymous; the platform's trusted CAs; HTTPS everywhere except loopback hosts ({@code
 * 127.0.0.0/8}, {@code ::1}, {@code localhost}); connect timeout 10 s, read timeout 60 s, call
 * timeout 30 min (a whole call including retries and the body); 3 retries of requests that are safe
 * to repeat, waiting at most 30 s between attempts; user agent {@code custody}.
 *
 * <p>Immutable and thread-safe. Two options are equal when all settings are equal (providers and
 * token sources by identity), so a provider may share one HTTP client per distinct options.
 */
public final class RegistryOptions {
  private static final RegistryOptions DEFAULTS = builder().build();

  private final List<CredentialProvider> credentialProviders;
  private final boolean dockerConfig;
  private final Optional<AzureTokenSource> azureTokenSource;
  private final Set<String> azureContainerRegistries;
  private final Set<String> httpRegistries;
  private final Optional<Path> caBundle;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int maxRetries;
  private final Duration maxRetryDelay;
  private final String userAgent;

  private RegistryOptions(Builder b) {
    this.credentialProviders = List.copyOf(b.credentialProviders);
    this.dockerConfig = b.dockerConfig;
    this.azureTokenSource = b.azureTokenSource;
    this.azureContainerRegistries = Set.copyOf(b.azureContainerRegistries);
    this.httpRegistries = Set.copyOf(b.httpRegistries);
    this.caBundle = b.caBundle;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.maxRetries = b.maxRetries;
    this.maxRetryDelay = b.maxRetryDelay;
    this.userAgent = b.userAgent;
  }

  /** {@return the defaults described in the class comment} */
  public static RegistryOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder starting from these options} */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@return the credential providers, asked in this order} */
  public List<CredentialProvider> credentialProviders() {
    return credentialProviders;
  }

  /** {@return whether docker {@code config.json} is consulted after the providers} */
  public boolean dockerConfig() {
    return dockerConfig;
  }

  /** {@return the source of Entra ID tokens for Azure Container Registry, if any} */
  public Optional<AzureTokenSource> azureTokenSource() {
    return azureTokenSource;
  }

  /**
   * {@return the hosts ({@code host} or {@code host:port}, lower case) treated as Azure Container
   * Registries besides {@code *.azurecr.io}}
   */
  public Set<String> azureContainerRegistries() {
    return azureContainerRegistries;
  }

  /** {@return the non-loopback hosts ({@code host} or {@code host:port}) allowed over plain HTTP} */
  public Set<String> httpRegistries() {
    return httpRegistries;
  }

  /** {@return a PEM file of extra trusted CA certificates, trusted besides the platform's} */
  public Optional<Path> caBundle() {
    return caBundle;
  }

  /** {@return the time allowed to open a connection} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the longest silence allowed while reading or writing} */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return the time allowed for a whole call, retries and body included; zero means none} */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** {@return how many times a failed request that is safe to repeat is repeated} */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return the longest wait between attempts, also the cap on a registry's Retry-After} */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  /** {@return the User-Agent header value} */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RegistryOptions)) {
      return false;
    }
    RegistryOptions o = (RegistryOptions) other;
    return credentialProviders.equals(o.credentialProviders)
        && dockerConfig == o.dockerConfig
        && azureTokenSource.equals(o.azureTokenSource)
        && azureContainerRegistries.equals(o.azureContainerRegistries)
        && httpRegistries.equals(o.httpRegistries)
        && caBundle.equals(o.caBundle)
        && connectTimeout.equals(o.connectTimeout)
        && readTimeout.equals(o.readTimeout)
        && callTimeout.equals(o.callTimeout)
        && maxRetries == o.maxRetries
        && maxRetryDelay.equals(o.maxRetryDelay)
        && userAgent.equals(o.userAgent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        credentialProviders,
        dockerConfig,
        azureTokenSource,
        azureContainerRegistries,
        httpRegistries,
        caBundle,
        connectTimeout,
        readTimeout,
        callTimeout,
        maxRetries,
        maxRetryDelay,
        userAgent);
  }

  /** {@return a summary without secrets (providers are described by their own toString)} */
  @Override
  public String toString() {
    return "RegistryOptions[providers="
        + credentialProviders.size()
        + ", dockerConfig="
        + dockerConfig
        + ", azure="
        + azureTokenSource.isPresent()
        + ", httpRegistries="
        + httpRegistries
        + ", caBundle="
        + caBundle.map(Path::toString).orElse("none")
        + ", timeouts="
        + connectTimeout
        + "/"
        + readTimeout
        + "/"
        + callTimeout
        + ", maxRetries="
        + maxRetries
        + "]";
  }

  /** Builds {@link RegistryOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<CredentialProvider> credentialProviders = new ArrayList<>();
    private boolean dockerConfig = true;
    private Optional<AzureTokenSource> azureTokenSource = Optional.empty();
    private final Set<String> azureContainerRegistries = new LinkedHashSet<>();
    private final Set<String> httpRegistries = new LinkedHashSet<>();
    private Optional<Path> caBundle = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofMinutes(30);
    private int maxRetries = 3;
    private Duration maxRetryDelay = Duration.ofSeconds(30);
    private String userAgent = "custody";

    private Builder() {}

    private Builder(RegistryOptions o) {
      credentialProviders.addAll(o.credentialProviders);
      dockerConfig = o.dockerConfig;
      azureTokenSource = o.azureTokenSource;
      azureContainerRegistries.addAll(o.azureContainerRegistries);
      httpRegistries.addAll(o.httpRegistries);
      caBundle = o.caBundle;
      connectTimeout = o.connectTimeout;
      readTimeout = o.readTimeout;
      callTimeout = o.callTimeout;
      maxRetries = o.maxRetries;
      maxRetryDelay = o.maxRetryDelay;
      userAgent = o.userAgent;
    }

    /**
     * Appends a credential provider; providers are asked in the order added.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder credentialProvider(CredentialProvider provider) {
      credentialProviders.add(requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Sets whether docker {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code
     * ~/.docker/config.json}, with {@code credsStore} and {@code credHelpers}) is consulted after
     * the providers. On by default.
     *
     * @param value whether to read it
     * @return this builder
     */
    public Builder dockerConfig(boolean value) {
      this.dockerConfig = value;
      return this;
    }

    /**
     * Uses {@code source} for Azure Container Registries: when one asks for a token, Custody
     * exchanges an Entra ID token from {@code source} for registry tokens, before consulting the
     * credential providers.
     *
     * @param source the token source
     * @return this builder
     */
    public Builder azureTokenSource(AzureTokenSource source) {
      this.azureTokenSource = Optional.of(requireNonNull(source, "source"));
      return this;
    }

    /**
     * Treats {@code registryHost} as an Azure Container Registry (besides {@code *.azurecr.io}),
     * for example a custom domain.
     *
     * @param registryHost {@code host} or {@code host:port}
     * @return this builder
     */
    public Builder azureContainerRegistry(String registryHost) {
      azureContainerRegistries.add(host(registryHost));
      return this;
    }

    /**
     * Allows plain HTTP to {@code registryHost}, which is insecure: credentials and content cross
     * the network unprotected. Loopback hosts need no such permission.
     *
     * @param registryHost {@code host} or {@code host:port}
     * @return this builder
     */
    public Builder allowHttpRegistry(String registryHost) {
      httpRegistries.add(host(registryHost));
      return this;
    }

    /**
     * Trusts the CA certificates in a PEM file, besides the platform's. The file is read when the
     * first HTTPS connection is made; a bad file fails that request with a message naming it.
     *
     * @param pemFile the bundle
     * @return this builder
     */
    public Builder caBundle(Path pemFile) {
      this.caBundle = Optional.of(requireNonNull(pemFile, "pemFile"));
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /**
     * Sets the read (and write) timeout: the longest silence tolerated on a connection.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      this.readTimeout = positive(value, "readTimeout");
      return this;
    }

    /**
     * Sets the call timeout, covering a whole call with its retries, redirects and body.
     *
     * @param value a positive duration, or zero for none
     * @return this builder
     */
    public Builder callTimeout(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("callTimeout must not be negative (got " + value + ")");
      }
      this.callTimeout = value;
      return this;
    }

    /**
     * Sets how often a request that is safe to repeat is retried after a connection failure, a
     * {@code 429} or a {@code 5xx}.
     *
     * @param value 0 to 10
     * @return this builder
     */
    public Builder maxRetries(int value) {
      if (value < 0 || value > 10) {
        throw new IllegalArgumentException("maxRetries must be 0 to 10 (got " + value + ")");
      }
      this.maxRetries = value;
      return this;
    }

    /**
     * Sets the longest wait between attempts; a longer {@code Retry-After} is cut to it.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder maxRetryDelay(Duration value) {
      this.maxRetryDelay = positive(value, "maxRetryDelay");
      return this;
    }

    /**
     * Sets the User-Agent header.
     *
     * @param value printable ASCII, not empty
     * @return this builder
     */
    public Builder userAgent(String value) {
      requireNonNull(value, "value");
      if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("userAgent must be non-empty printable ASCII");
      }
      this.userAgent = value;
      return this;
    }

    /** {@return the options} */
    public RegistryOptions build() {
      return new RegistryOptions(this);
    }

    private static String host(String registryHost) {
      requireNonNull(registryHost, "registryHost");
      String host = registryHost.trim().toLowerCase(Locale.ROOT);
      if (host.isEmpty() || host.contains("/") || host.contains("@")) {
        throw new IllegalArgumentException(
            "registry host must be host or host:port (got '" + registryHost + "')");
      }
      return host;
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive (got " + value + ")");
      }
      return value;
    }
  }
}
