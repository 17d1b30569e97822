package dev.custody.core.internal.gate;

import dev.custody.CustodyException;
import dev.custody.oci.ImageReference;

/**
 * Verifies one image for the gate. The gate calls it once per distinct normalised reference, from
 * several threads at once, so implementations must be thread-safe.
 *
 * <p>The check resolves the reference once and verifies that digest; the digest it returns is the
 * one the gate pins, so a tag moved after the check cannot change the output.
 */
@FunctionalInterface
public interface ImageCheck {
  /**
   * Checks {@code image}.
   *
   * @param image the normalised reference as written in the deployment (tag, digest, or both)
   * @return the outcome; a failed verification is an outcome, not an exception
   * @throws CustodyException if the image could not be checked at all (registry unreachable, not
   *     found, a bound exceeded); the gate reports the image as an error and fails closed
   */
  CheckOutcome check(ImageReference image) throws CustodyException;
}
