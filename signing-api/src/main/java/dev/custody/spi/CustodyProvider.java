package dev.custody.spi;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.oci.ImageReference;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
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
   * Runs the deployment gate: reads the request's deployment files, checks each distinct image once
   * against the request's policy or signer, and with {@link GateOptions#pin()} produces the files
   * with every image pinned to the digest that was verified.
   *
   * @param request the files and what to trust
   * @param options pinning, output, bounds and concurrency
   * @param storeOptions how to reach the stores images live in
   * @return the report; images that fail are in the report, not exceptions
   * @throws CustodyException if a file cannot be read, is malformed or exceeds a bound, or the
   *     pinned output cannot be written
   * @since 0.1
   */
  default GateReport gate(GateRequest request, GateOptions options, StoreOptions storeOptions)
      throws CustodyException {
    throw unsupported("gate");
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
