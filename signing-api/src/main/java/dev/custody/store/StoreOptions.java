package dev.custody.store;

/**
 * How stores are reached. Grows with the registry client (credentials, TLS, timeouts); create
 * with {@link #defaults()}. Immutable and thread-safe.
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS = new StoreOptions(false);

  private final boolean createLayouts;

  private StoreOptions(boolean createLayouts) {
    this.createLayouts = createLayouts;
  }

  /** {@return the defaults: existing layouts only} */
  public static StoreOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a copy that creates a missing layout directory when opened (for writing)} */
  public StoreOptions withCreateLayouts() {
    return new StoreOptions(true);
  }

  /** {@return whether a missing layout directory is created when opened} */
  public boolean createLayouts() {
    return createLayouts;
  }
}
