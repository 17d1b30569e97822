package dev.custody.store;

import static java.util.Objects.requireNonNull;

import dev.custody.registry.RegistryOptions;
import java.util.Objects;

/**
 * How stores are reached: registry options (credentials, TLS, timeouts, retries) and whether a
 * missing layout directory is created. Create with {@link #defaults()} and derive with the {@code
 * with…} methods. Immutable and thread-safe; equal when all settings are equal.
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS = new StoreOptions(false, RegistryOptions.defaults());

  private final boolean createLayouts;
  private final RegistryOptions registry;

  private StoreOptions(boolean createLayouts, RegistryOptions registry) {
    this.createLayouts = createLayouts;
    this.registry = registry;
  }

  /** {@return the defaults: existing layouts only, {@link RegistryOptions#defaults()}} */
  public static StoreOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a copy that creates a missing layout directory when opened (for writing)} */
  public StoreOptions withCreateLayouts() {
    return new StoreOptions(true, registry);
  }

  /**
   * Returns a copy that reaches registries with {@code options}.
   *
   * @param options the registry options
   * @return the copy
   */
  public StoreOptions withRegistry(RegistryOptions options) {
    return new StoreOptions(createLayouts, requireNonNull(options, "options"));
  }

  /** {@return whether a missing layout directory is created when opened} */
  public boolean createLayouts() {
    return createLayouts;
  }

  /** {@return how registries are reached} */
  public RegistryOptions registry() {
    return registry;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoreOptions
        && createLayouts == ((StoreOptions) other).createLayouts
        && registry.equals(((StoreOptions) other).registry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(createLayouts, registry);
  }

  @Override
  public String toString() {
    return "StoreOptions[createLayouts=" + createLayouts + ", registry=" + registry + "]";
  }
}
