package dev.custody;

import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;

/**
 * Picks the Notary Project algorithm for a signature from its leaf certificate's public key, as
 * notation does (FORMATS.md §5.5). Only a choice of algorithm: whether the leaf belongs to the
 * signing key, and whether the chain is fit for code signing, is checked where the signature is
 * made.
 */
final class NotaryAlgorithms {
  private NotaryAlgorithms() {}

  /**
   * {@return the algorithm for the first certificate's key, or empty if there is no certificate,
   * it cannot be read (the JDK's parser), or Notary does not sign with its key}
   *
   * @param chain DER certificates, leaf first
   */
  static Optional<SignatureAlgorithm> ofLeaf(List<Bytes> chain) {
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    try {
      Certificate leaf =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(chain.get(0).toByteArray()));
      PublicKeyInfo key = PublicKeyInfo.of(Bytes.of(leaf.getPublicKey().getEncoded()));
      return SignatureAlgorithm.notaryAlgorithm(key);
    } catch (CertificateException | KeyException | RuntimeException e) {
      // signing reports a chain it cannot use, with the reason; here only the choice is skipped
      return Optional.empty();
    }
  }
}
