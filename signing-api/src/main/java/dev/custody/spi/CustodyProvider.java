package dev.custody.spi;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.oci.ImageReference;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.CopyResult;
import dev.custody.store.StoreOptions;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;

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
   * {@return the exception an operation this provider does not implement throws}
   *
   * @param operation the operation's name
   */
  static CustodyException unsupported(String operation) {
    return new InvalidInputException(
        Reason.UNSUPPORTED, operation + ": not supported by this Custody provider");
  }
}
