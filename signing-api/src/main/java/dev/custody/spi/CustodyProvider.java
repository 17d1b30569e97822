package dev.custody.spi;

import dev.custody.CustodyException;
import dev.custody.oci.ImageReference;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreOptions;

/**
 * Supplies Custody's implementations. {@code signing-core} registers one for
 * {@link java.util.ServiceLoader}; tests and embedders may supply their own.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CustodyProvider {

  /**
   * Opens the store that holds {@code reference}: the layout directory for {@code oci:}
   * references, the registry repository otherwise.
   *
   * @param reference the image reference; its tag and digest are ignored
   * @param options how to reach registries
   * @return an open store, which the caller closes
   * @throws CustodyException if the store cannot be opened
   */
  ArtifactStore open(ImageReference reference, StoreOptions options) throws CustodyException;
}
