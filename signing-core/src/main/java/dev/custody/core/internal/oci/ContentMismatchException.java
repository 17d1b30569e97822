package dev.custody.core.internal.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import java.io.IOException;
import java.util.Optional;

/**
 * Content did not match its descriptor: more bytes than the declared size arrived, fewer arrived
 * before end of stream, or the digest differs. Thrown by {@link VerifyingInputStream} as an
 * {@link IOException} so it travels through stream code; stores turn it into a
 * {@link dev.custody.store.StoreException} with reason {@code DIGEST_MISMATCH}. The message names
 * the expected and (when the whole content was seen) the actual digest.
 */
public final class ContentMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Descriptor expected;
  private final long actualSize;
  private final transient Optional<Digest> actualDigest;

  private ContentMismatchException(
      String message, Descriptor expected, long actualSize, Optional<Digest> actualDigest) {
    super(message);
    this.expected = requireNonNull(expected, "expected");
    this.actualSize = actualSize;
    this.actualDigest = actualDigest;
  }

  static ContentMismatchException tooLong(Descriptor expected, long seen) {
    return new ContentMismatchException(
        "content of "
            + expected.digest()
            + " is longer than its descriptor says (expected "
            + expected.size()
            + " bytes with digest "
            + expected.digest()
            + ", got at least "
            + seen
            + " bytes)",
        expected,
        seen,
        Optional.empty());
  }

  static ContentMismatchException mismatch(Descriptor expected, long actualSize, Digest actual) {
    String problem = actualSize < expected.size() ? "is truncated" : "does not match its digest";
    return new ContentMismatchException(
        "content of "
            + expected.digest()
            + " "
            + problem
            + " (expected digest "
            + expected.digest()
            + " and "
            + expected.size()
            + " bytes, got digest "
            + actual
            + " and "
            + actualSize
            + " bytes)",
        expected,
        actualSize,
        Optional.of(actual));
  }

  /** {@return the descriptor the content was checked against} */
  public Descriptor expected() {
    return expected;
  }

  /** {@return how many bytes arrived before the mismatch was detected} */
  public long actualSize() {
    return actualSize;
  }

  /** {@return the digest of what arrived, when the whole content was read} */
  public Optional<Digest> actualDigest() {
    return actualDigest;
  }
}
