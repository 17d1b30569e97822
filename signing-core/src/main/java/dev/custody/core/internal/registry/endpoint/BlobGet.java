package dev.custody.core.internal.registry.endpoint;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.oci.VerifyingInputStream;
import dev.custody.core.internal.registry.RegistryErrors;
import dev.custody.core.internal.registry.RegistryHeaders;
import dev.custody.core.internal.registry.RegistryTarget;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.store.StoreException;
import java.io.InputStream;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, streamed (FORMATS.md §2.4). The body is wrapped in a
 * {@link VerifyingInputStream}, so size and digest are checked at end of stream against the
 * descriptor; a declared {@code Content-Length} or {@code Docker-Content-Digest} that already
 * disagrees fails before any byte is handed out. Redirects to storage hosts are followed by the
 * client (which never forwards credentials to another host).
 */
public final class BlobGet {
  private BlobGet() {}

  /**
   * Opens a blob. The caller closes the stream, which releases the connection.
   *
   * @param target the repository
   * @param descriptor the digest and size expected
   * @return the verifying stream
   * @throws StoreException if missing, refused, or its headers contradict the descriptor
   */
  public static InputStream open(RegistryTarget target, Descriptor descriptor)
      throws StoreException {
    String action = "pull blob " + target.location() + "@" + descriptor.digest();
    Request request =
        target.pull(target.url("blobs", descriptor.digest().toString()).build()).get().build();
    Response response = target.execute(request, action);
    boolean handedOut = false;
    try {
      if (response.code() != 200) {
        throw RegistryErrors.toException(response, action);
      }
      long declared = response.body().contentLength();
      if (declared >= 0 && declared != descriptor.size()) {
        throw new StoreException(
            Reason.DIGEST_MISMATCH,
            action
                + ": size mismatch (expected "
                + descriptor.size()
                + " bytes, got Content-Length "
                + declared
                + ")",
            null,
            response.code(),
            "");
      }
      Optional<Digest> served = RegistryHeaders.contentDigest(response, action);
      if (served.isPresent()
          && served.get().algorithm() == descriptor.digest().algorithm()
          && !served.get().equals(descriptor.digest())) {
        throw new StoreException(
            Reason.DIGEST_MISMATCH,
            action
                + ": Docker-Content-Digest does not match (expected "
                + descriptor.digest()
                + ", got "
                + served.get()
                + ")",
            null,
            response.code(),
            "");
      }
      InputStream stream = new VerifyingInputStream(response.body().byteStream(), descriptor);
      handedOut = true;
      return stream;
    } finally {
      if (!handedOut) {
        response.close();
      }
    }
  }
}
