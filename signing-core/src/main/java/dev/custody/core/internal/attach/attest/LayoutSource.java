package dev.custody.core.internal.attach.attest;

import dev.custody.CustodyException;
import dev.custody.store.ArtifactStore;
import java.util.Optional;

/**
 * The registry repository ({@code HOST/REPO}) an exported layout was copied from, which a policy
 * scope may match (POLICY.md "Scopes"). {@code custody export} records it; until export exists,
 * {@link #NONE} knows of no source and layouts match only the scope {@code oci:*}.
 */
@FunctionalInterface
public interface LayoutSource {
  /** Knows no recorded source. */
  LayoutSource NONE = store -> Optional.empty();

  /**
   * {@return the source repository recorded in the layout {@code store}, if any}
   *
   * @param store an open layout store
   * @throws CustodyException if the record exists but cannot be read
   */
  Optional<String> recordedSource(ArtifactStore store) throws CustodyException;
}
