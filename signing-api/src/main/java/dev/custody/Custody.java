package dev.custody;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.spi.CustodyProvider;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.store.StoreOptions;
import java.util.ServiceLoader;

/**
 * The entry point for embedders.
 *
 * <pre>{@code
 * Custody custody = Custody.builder().build();
 * try (ArtifactStore store = custody.open(ImageReference.parse("oci:build/layout:v1"))) {
 *   Descriptor manifest = store.resolve("v1");
 * }
 * }</pre>
 *
 * <p>Configuration is explicit: whatever the builder is given wins, and only what it is not given
 * is found with {@link ServiceLoader} (the {@code signing-core} provider). There is no global
 * state. Instances are immutable and thread-safe.
 */
public final class Custody {
  private final CustodyProvider provider;
  private final StoreOptions storeOptions;

  private Custody(Builder builder) {
    this.provider = builder.provider != null ? builder.provider : loadProvider();
    this.storeOptions = builder.storeOptions;
  }

  /** {@return a builder; not thread-safe} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the store holding {@code reference} (a registry repository, or a layout directory).
   *
   * @param reference the image reference
   * @return an open store; the caller closes it
   * @throws CustodyException if the store cannot be opened
   */
  public ArtifactStore open(ImageReference reference) throws CustodyException {
    return provider.open(requireNonNull(reference, "reference"), storeOptions);
  }

  /**
   * Resolves {@code reference} once to the descriptor of its manifest.
   *
   * @param reference the image reference
   * @return the manifest descriptor, whose digest names the image from now on
   * @throws CustodyException if the store cannot be opened or the reference does not resolve
   */
  public Descriptor resolve(ImageReference reference) throws CustodyException {
    try (ArtifactStore store = open(reference)) {
      return store.resolve(reference.tagOrDigest());
    } catch (java.io.IOException e) {
      throw new StoreException(CustodyException.Reason.IO, "close store " + reference.context(), e);
    }
  }

  private static CustodyProvider loadProvider() {
    return ServiceLoader.load(CustodyProvider.class, Custody.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no Custody implementation found: add dev.custody:signing-core to the runtime classpath"));
  }

  /** Builds a {@link Custody}. Not thread-safe. */
  public static final class Builder {
    private CustodyProvider provider;
    private StoreOptions storeOptions = StoreOptions.defaults();

    private Builder() {}

    /** Uses {@code value} instead of the provider found by ServiceLoader. @param value the provider @return this builder */
    public Builder provider(CustodyProvider value) {
      this.provider = requireNonNull(value, "value");
      return this;
    }

    /** Sets how stores are reached. @param value the options @return this builder */
    public Builder storeOptions(StoreOptions value) {
      this.storeOptions = requireNonNull(value, "value");
      return this;
    }

    /** {@return the configured instance} */
    public Custody build() {
      return new Custody(this);
    }
  }
}
