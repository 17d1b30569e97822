package dev.custody.examples.admission;

import static java.util.Objects.requireNonNull;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;

/**
 * Evaluates custody for one image. The webhook calls it at most once per distinct image of a
 * review; tests wrap it to count or to block.
 */
@FunctionalInterface
public interface ImageCheck {
  /**
   * Evaluates custody for {@code image}.
   *
   * @param image the image as the pod names it; a tag is resolved once
   * @return the custody report
   * @throws CustodyException if the image cannot be evaluated (unreachable, out of scope, …)
   */
  CustodyReport check(ImageReference image) throws CustodyException;

  /**
   * Returns the check a real webhook uses: {@link Custody#verifyCustody} with {@code policy}.
   * The policy's scopes decide which images may be evaluated at all; a production policy names
   * registry repositories only, so that a pod cannot make the webhook read local directories
   * ({@code oci:} references), which fail as out of scope.
   *
   * @param custody the configured Custody instance
   * @param policy the custody policy every pod image must satisfy
   * @return the check
   */
  static ImageCheck custody(Custody custody, CustodyPolicy policy) {
    requireNonNull(custody, "custody");
    requireNonNull(policy, "policy");
    return image -> custody.verifyCustody(image, policy);
  }
}
