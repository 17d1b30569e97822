package dev.custody.spi;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.Bytes;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.attest.AttestationReport;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.PasswordSource;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.ReportFormat;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.Attachments;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

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

  /**
   * Signs the image {@code image} names: resolves it once, signs its digest (and, with
   * {@link SignOptions#recursive()}, every manifest of an index) and stores the signatures.
   *
   * @param image the image
   * @param signer the signing key
   * @param options format, annotations and storage
   * @param storeOptions how to reach the store
   * @return what was signed and stored
   * @throws CustodyException if the image cannot be resolved, signed or written
   * @since 0.1
   */
  default SignResult sign(
      ImageReference image, Signer signer, SignOptions options, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("sign");
  }

  /**
   * Signs like {@link #sign(ImageReference, Signer, SignOptions, StoreOptions)}, reading the
   * signing time from {@code clock}: cosign's signed {@code optional.timestamp}, a Notary
   * signature's {@code signingTime} and its expiry, and the validity a Notary certificate chain
   * must have. {@link dev.custody.Custody} calls this method with its builder's clock. The default
   * ignores the clock and calls the method without it, for providers that record no time.
   *
   * @param image the image
   * @param signer the signing key
   * @param options format, annotations and storage
   * @param clock the signing time
   * @param storeOptions how to reach the store
   * @return what was signed and stored
   * @throws CustodyException if the image cannot be resolved, signed or written
   * @since 0.1
   */
  default SignResult sign(
      ImageReference image,
      Signer signer,
      SignOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    Objects.requireNonNull(clock, "clock");
    return sign(image, signer, options, storeOptions);
  }

  /**
   * Verifies the signatures of the image {@code image} names, reporting every one examined.
   *
   * @param image the image
   * @param options what to trust and require
   * @param storeOptions how to reach the store
   * @return the report; a failed verification is a report, not an exception
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   * @since 0.1
   */
  default SignatureReport verify(
      ImageReference image, VerifyOptions options, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("verify");
  }

  /**
   * Verifies like {@link #verify(ImageReference, VerifyOptions, StoreOptions)} at the time of
   * {@code clock}: a Notary signature's expiry, the validity of certificate chains when the
   * signature carries no signed time, and the Notary trust policy's time checks. {@link
   * dev.custody.Custody} calls this method with its builder's clock. The default ignores the clock
   * and calls the method without it.
   *
   * @param image the image
   * @param options what to trust and require
   * @param clock the verification time
   * @param storeOptions how to reach the store
   * @return the report; a failed verification is a report, not an exception
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   * @since 0.1
   */
  default SignatureReport verify(
      ImageReference image, VerifyOptions options, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    Objects.requireNonNull(clock, "clock");
    return verify(image, options, storeOptions);
  }

  /**
   * Generates a key pair and writes its files; see {@link dev.custody.Custody#generateKeyPair}.
   *
   * @param prefix the path prefix of the files
   * @param options what to generate and how to write it
   * @param passwords where the encryption password comes from
   * @return the files written and the public key
   * @throws KeyException if a file exists (unless overwriting), cannot be written, or no password
   *     is available; {@link Reason#UNSUPPORTED} if this provider cannot generate keys
   * @since 0.1
   */
  default GeneratedKeyPair generateKeyPair(
      Path prefix, KeyPairOptions options, PasswordSource passwords) throws KeyException {
    throw new KeyException(
        Reason.UNSUPPORTED, "generate key pair: not supported by this Custody provider", null);
  }

  /**
   * Generates a key pair like {@link #generateKeyPair(Path, KeyPairOptions, PasswordSource)},
   * dating a test certificate from {@code clock}. {@link dev.custody.Custody} calls this method
   * with its builder's clock. The default ignores the clock and calls the method without it.
   *
   * @param prefix the path prefix of the files
   * @param options what to generate and how to write it
   * @param passwords where the encryption password comes from
   * @param clock the start of a test certificate's validity
   * @return the files written and the public key
   * @throws KeyException if a file exists (unless overwriting), cannot be written, or no password
   *     is available; {@link Reason#UNSUPPORTED} if this provider cannot generate keys
   * @since 0.1
   */
  default GeneratedKeyPair generateKeyPair(
      Path prefix, KeyPairOptions options, PasswordSource passwords, Clock clock)
      throws KeyException {
    Objects.requireNonNull(clock, "clock");
    return generateKeyPair(prefix, options, passwords);
  }

  /**
   * Lists the attachments of an image; see {@link dev.custody.Custody#attachments}.
   *
   * @param image the image
   * @param storeOptions how to reach the store
   * @return the attachments
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   * @since 0.1
   */
  default Attachments attachments(ImageReference image, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("list attachments");
  }

  /**
   * Runs the deployment gate: reads the request's deployment files, checks each distinct image once
   * against the request's policy or signer, and with {@link GateOptions#pin()} produces the files
   * with every image pinned to the digest that was verified.
   *
   * @param request the files and what to trust
   * @param options pinning, output, bounds and concurrency
   * @param clock the time custody policies are evaluated at (freshness, signer validity)
   * @param storeOptions how to reach the stores images live in
   * @return the report; images that fail are in the report, not exceptions
   * @throws CustodyException if a file cannot be read, is malformed or exceeds a bound, or the
   *     pinned output cannot be written
   * @since 0.1
   */
  default GateReport gate(
      GateRequest request, GateOptions options, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("gate");
  }

  /**
   * Attests the image {@code image} names: resolves it once, wraps {@code predicateJson} in an
   * in-toto Statement v1 whose subject is exactly that digest, signs it as a DSSE envelope and
   * stores it (with {@link AttestOptions#recursive()}, also for every manifest of an index),
   * without losing attestations a concurrent attester stores at the same time.
   *
   * @param image the image
   * @param signer the signing key
   * @param predicateType the predicate type URI (short names are resolved by the caller)
   * @param predicateJson the predicate, a JSON object
   * @param options storage mode and recursion
   * @param storeOptions how to reach the store
   * @return what was stored
   * @throws CustodyException if the predicate is invalid, or the image cannot be resolved, signed
   *     or written
   * @since 0.1
   */
  default AttestResult attest(
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options,
      StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("attest");
  }

  /**
   * Attests like {@link #attest(ImageReference, Signer, String, Bytes, AttestOptions,
   * StoreOptions)}, reading the time stamped on what is stored (such as a bundle referrer's
   * creation annotation) from {@code clock}. {@link dev.custody.Custody} calls this method with its
   * builder's clock. The default ignores the clock and calls the method without it.
   *
   * @param image the image
   * @param signer the signing key
   * @param predicateType the predicate type URI (short names are resolved by the caller)
   * @param predicateJson the predicate, a JSON object
   * @param options storage mode and recursion
   * @param clock the time of attesting
   * @param storeOptions how to reach the store
   * @return what was stored
   * @throws CustodyException if the predicate is invalid, or the image cannot be resolved, signed
   *     or written
   * @since 0.1
   */
  default AttestResult attest(
      ImageReference image,
      Signer signer,
      String predicateType,
      Bytes predicateJson,
      AttestOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    Objects.requireNonNull(clock, "clock");
    return attest(image, signer, predicateType, predicateJson, options, storeOptions);
  }

  /**
   * Verifies the attestations of {@code predicateType} on the image {@code image} names, in every
   * storage mode, reporting every candidate examined. A missing attestation is a failed report.
   *
   * @param image the image
   * @param options what to trust ({@link VerifyOptions#signers()}) and the bounds
   * @param predicateType the predicate type URI
   * @param storeOptions how to reach the store
   * @return the report; a failed verification is a report, not an exception
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   * @since 0.1
   */
  default AttestationReport verifyAttestations(
      ImageReference image, VerifyOptions options, String predicateType, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("verify attestations");
  }

  /**
   * Verifies attestations like {@link #verifyAttestations(ImageReference, VerifyOptions, String,
   * StoreOptions)} at the time of {@code clock} (the validity of a certificate chain when the
   * statement carries no signed time). {@link dev.custody.Custody} calls this method with its
   * builder's clock. The default ignores the clock and calls the method without it.
   *
   * @param image the image
   * @param options what to trust ({@link VerifyOptions#signers()}) and the bounds
   * @param predicateType the predicate type URI
   * @param clock the verification time
   * @param storeOptions how to reach the store
   * @return the report; a failed verification is a report, not an exception
   * @throws CustodyException if the image cannot be resolved or read, or a bound is exceeded
   * @since 0.1
   */
  default AttestationReport verifyAttestations(
      ImageReference image,
      VerifyOptions options,
      String predicateType,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    Objects.requireNonNull(clock, "clock");
    return verifyAttestations(image, options, predicateType, storeOptions);
  }

  /**
   * Reads and validates a custody policy file (POLICY.md).
   *
   * @param file the policy file, YAML or JSON; key paths in it are relative to its directory
   * @return the policy
   * @throws CustodyException if the file cannot be read or is invalid; the message names the line
   *     and field
   * @since 0.1
   */
  default CustodyPolicy readPolicy(Path file) throws CustodyException {
    throw unsupported("read policy");
  }

  /**
   * Evaluates a custody policy against the image {@code image} names: resolves it once, collects
   * every signature and attestation the policy's stages ask for (per platform where the policy
   * says so), verifies each against the policy's signers and evaluates the stages.
   *
   * @param image the image
   * @param policy the policy; its signers are the only trust
   * @param clock the evaluation time (for maxAge)
   * @param storeOptions how to reach the store
   * @return the report; a failed policy is a report with verdict {@code FAIL}, not an exception
   * @throws CustodyException if the image is outside every scope of the policy
   *     ({@link dev.custody.InvalidInputException}), cannot be resolved or read, or a bound is
   *     exceeded
   * @since 0.1
   */
  default CustodyReport verifyCustody(
      ImageReference image, CustodyPolicy policy, Clock clock, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("verify custody");
  }

  /**
   * Copies an image with every signature, attestation and other attachment (tag scheme and
   * referrers alike); digests are unchanged and blobs the destination has are skipped.
   *
   * @param source the image to copy; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param storeOptions how to reach the stores
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   * @since 0.1
   */
  default CopyResult copy(
      ImageReference source, ImageReference destination, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("copy");
  }

  /**
   * Copies an image as {@link #copy(ImageReference, ImageReference, StoreOptions)} does, telling
   * {@code listener} about every manifest and blob handled (see {@link CopyListener}). The default
   * copies without reporting progress; implementations that can report it override this.
   *
   * @param source the image to copy; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param storeOptions how to reach the stores
   * @param listener hears about each manifest and blob handled, on the calling thread
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   * @since 0.1
   */
  default CopyResult copy(
      ImageReference source,
      ImageReference destination,
      StoreOptions storeOptions,
      CopyListener listener)
      throws CustodyException {
    return copy(source, destination, storeOptions);
  }

  /**
   * Exports an image with its whole custody to an OCI image layout for offline verification: the
   * {@link #copy copy} of the image and every attachment, and a record of the source repository
   * in the layout, so that a policy scope naming that repository governs the layout reference.
   *
   * @param image the image; a tag is resolved once
   * @param layout the destination layout reference ({@code oci:DIR[:TAG]}); created if missing
   * @param storeOptions how to reach the stores
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   * @since 0.1
   */
  default CopyResult export(ImageReference image, ImageReference layout, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("export");
  }

  /**
   * Exports an image as {@link #export(ImageReference, ImageReference, StoreOptions)} does,
   * telling {@code listener} about every manifest and blob handled (see {@link CopyListener}). The
   * default exports without reporting progress.
   *
   * @param image the image; a tag is resolved once
   * @param layout the destination layout reference ({@code oci:DIR[:TAG]}); created if missing
   * @param storeOptions how to reach the stores
   * @param listener hears about each manifest and blob handled, on the calling thread
   * @return what was copied
   * @throws CustodyException if reading or writing fails or a bound is exceeded
   * @since 0.1
   */
  default CopyResult export(
      ImageReference image, ImageReference layout, StoreOptions storeOptions, CopyListener listener)
      throws CustodyException {
    return export(image, layout, storeOptions);
  }

  /**
   * Promotes an image: with a policy, first verifies the source's custody (and stops, writing
   * nothing, if it fails); then copies the image with every attachment and stores a signed
   * promotion attestation (source and destination pinned by digest, the policy digest, the time)
   * on the destination.
   *
   * @param source the image to promote; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param signer the key signing the promotion statement
   * @param options the policy and storage mode
   * @param clock the time recorded as {@code promotedAt} and used to evaluate the policy
   * @param storeOptions how to reach the stores
   * @return what was done
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   * @since 0.1
   */
  default PromoteResult promote(
      ImageReference source,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      Clock clock,
      StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("promote");
  }

  /**
   * Promotes an image as {@link #promote(ImageReference, ImageReference, Signer, PromoteOptions,
   * Clock, StoreOptions)} does, telling {@code listener} about every manifest and blob the copy
   * handles (see {@link CopyListener}). The default promotes without reporting progress.
   *
   * @param source the image to promote; a tag is resolved once
   * @param destination where it goes; a tag there is set on the copy
   * @param signer the key signing the promotion statement
   * @param options the policy and storage mode
   * @param clock the time recorded as {@code promotedAt} and used to evaluate the policy
   * @param storeOptions how to reach the stores
   * @param listener hears about each manifest and blob copied, on the calling thread
   * @return what was done
   * @throws CustodyException if the source is outside the policy's scopes, or reading, signing or
   *     writing fails
   * @since 0.1
   */
  default PromoteResult promote(
      ImageReference source,
      ImageReference destination,
      Signer signer,
      PromoteOptions options,
      Clock clock,
      StoreOptions storeOptions,
      CopyListener listener)
      throws CustodyException {
    return promote(source, destination, signer, options, clock, storeOptions);
  }

  /**
   * Renders a custody report as text or as POLICY.md's JSON.
   *
   * @param report the report
   * @param format text or JSON
   * @return the rendering, lines ending in {@code \n}
   * @throws CustodyException if this provider cannot render reports
   * @since 0.1
   */
  default String render(CustodyReport report, ReportFormat format) throws CustodyException {
    throw unsupported("render custody report");
  }

  /**
   * {@return the exception an operation this provider does not implement throws}
   *
   * @param operation the operation's name
   */
  static CustodyException unsupported(String operation) {
    return new InvalidInputException(
        Reason.UNSUPPORTED, operation + ": not supported by this Custody provider");
  }
}
