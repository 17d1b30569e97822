package dev.custody.store;

/**
 * Hears about every manifest and blob a copy handles, for a progress display: {@link
 * dev.custody.Custody#copy(dev.custody.oci.ImageReference, dev.custody.oci.ImageReference,
 * CopyListener) Custody.copy}, {@code export} and {@code promote} call it once per blob (each
 * distinct blob of one image graph once) and once per manifest written, on the thread doing the
 * copy, in the order the copy happens (children before the manifests that name them).
 *
 * <p>It is called while the copy is in progress, so it should return quickly. It cannot change
 * what is copied; a {@link RuntimeException} it throws aborts the copy and reaches the caller.
 *
 * <pre>{@code
 * custody.copy(source, destination,
 *     event -> System.err.println(event.outcome() + " " + event.descriptor().digest()));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface CopyListener {
  /**
   * Called after a manifest or blob was handled.
   *
   * @param event what was handled and what happened to it
   */
  void handled(CopyEvent event);

  /** {@return a listener that ignores every event} */
  static CopyListener none() {
    return event -> {};
  }
}
