package dev.custody.core.internal.attach;

import dev.custody.CustodyException;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.policy.Evidence;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.VerifyOptions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How signatures of one format are written next to an image and found and verified again. The
 * sign and verify services pick a scheme by {@link #format()}; each scheme writes in the mode the
 * options choose and reads every storage mode of its format.
 */
public interface SignatureScheme {

  /** {@return the format this scheme handles} */
  SignatureFormat format();

  /**
   * {@return this scheme reading the time from {@code clock} (signing times, expiry and
   * certificate validity), sharing whatever else this instance holds (such as locks)}
   *
   * @param clock the clock of the {@code Custody} instance the call comes from
   */
  SignatureScheme withClock(Clock clock);

  /**
   * Signs exactly {@code subject} (whose digest the caller resolved once) and stores the signature
   * in {@code store}, without losing signatures a concurrent signer stores at the same time.
   *
   * @param store the repository holding the subject
   * @param image the reference as given, pinned to the subject's digest (for payload names)
   * @param subject the manifest being signed, with its exact bytes
   * @param signer the key
   * @param options format-specific options
   * @return the signatures stored (usually one)
   * @throws CustodyException if signing or storing fails
   */
  List<StoredSignature> sign(
      ArtifactStore store, ImageReference image, Manifest subject, Signer signer, SignOptions options)
      throws CustodyException;

  /**
   * Says whether the trust in {@code options} asks for no verification of this format for the
   * image (a Notary trust policy statement of level {@code skip}); the verify service then does
   * not examine this format's signatures. Schemes without such a setting never skip.
   *
   * @param image the reference, pinned to the subject's digest
   * @param options what to trust
   * @return why verification is skipped, for the report; empty if it is not
   * @throws CustodyException if the trust configuration cannot be read
   */
  default Optional<String> skippedBy(ImageReference image, VerifyOptions options)
      throws CustodyException {
    return Optional.empty();
  }

  /**
   * Discovers every signature of this format attached to {@code subject}, in every storage mode,
   * and verifies each against the trust in {@code options}. Every candidate becomes one
   * {@link Evidence}: verified, or failed with a typed reason. Each candidate is counted against
   * {@code budget} before it is fetched.
   *
   * @param store the repository holding the subject
   * @param image the reference, pinned to the subject's digest
   * @param subject the descriptor of the manifest whose signatures are examined
   * @param options what to trust and require
   * @param budget the shared bound on candidates
   * @return the evidence, one per candidate
   * @throws CustodyException if the store fails or the budget is exceeded
   */
  List<Evidence> examine(
      ArtifactStore store,
      ImageReference image,
      Descriptor subject,
      VerifyOptions options,
      CandidateBudget budget)
      throws CustodyException;
}
