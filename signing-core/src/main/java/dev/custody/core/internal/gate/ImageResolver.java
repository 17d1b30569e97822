package dev.custody.core.internal.gate;

import dev.custody.CustodyException;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;

/**
 * Resolves a tag to the digest it names now. The gate calls it at most once per distinct
 * normalised reference per run, only for references that carry no digest (a digest written in the
 * deployment is used as written: a tag is never trusted when a digest is given, see {@link
 * ImageReference#tagOrDigest()}), and from several threads at once, so implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ImageResolver {
  /**
   * Resolves {@code image}.
   *
   * @param image a normalised reference with a tag (or, for a layout, possibly neither) and no
   *     digest
   * @return the digest the reference names at the moment of the call
   * @throws CustodyException if it cannot be resolved (registry unreachable, not found, a bound
   *     exceeded); the gate reports every occurrence as an error and fails closed
   */
  Digest resolve(ImageReference image) throws CustodyException;
}
