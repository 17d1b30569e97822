package dev.custody.core.internal.notary.trust;

import dev.custody.InvalidInputException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the certificates of a named trust store come from: the directory itself ({@link
 * TrustStore}, read afresh on every call) or one verification's snapshot of it ({@link
 * TrustStoreSnapshot}, read at most once).
 */
@FunctionalInterface
public interface TrustedCertificates {
  /**
   * Loads a named store.
   *
   * @param ref the store
   * @return its certificates, in file-name order, at least one
   * @throws InvalidInputException if the store does not exist, is empty, holds something other
   *     than regular certificate files, or a certificate is not allowed in it; the message names
   *     the store and the file
   */
  List<X509Certificate> certificates(TrustStoreRef ref) throws InvalidInputException;
}
