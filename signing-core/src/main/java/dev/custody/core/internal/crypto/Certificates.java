package dev.custody.core.internal.crypto;

import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads X.509 certificates and chains (PEM bundles, leaf first as notation and cosign write them)
 * with the JDK's certificate factory. Path validation is elsewhere; this only decodes.
 */
public final class Certificates {
  /** Longer chains than this are refused; real code-signing chains have two to four. */
  public static final int MAX_CHAIN_LENGTH = 16;

  private Certificates() {}

  /**
   * Reads every {@code CERTIFICATE} block.
   *
   * @param content the file content
   * @param source the file name, for messages
   * @return the certificates in file order, at least one
   * @throws KeyException naming {@code source} if a block is not a certificate or is malformed
   */
  public static List<X509Certificate> readChain(byte[] content, String source)
      throws KeyException {
    List<Pem.Block> blocks = Pem.decodeAll(content, source);
    if (blocks.size() > MAX_CHAIN_LENGTH) {
      throw new KeyException(
          dev.custody.CustodyException.Reason.LIMIT_EXCEEDED,
          "read certificates " + source + ": more than " + MAX_CHAIN_LENGTH + " certificates",
          null);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Pem.Block block : blocks) {
      if (!block.type.equals("CERTIFICATE")) {
        throw new KeyException(
            "read certificates " + source + ": unexpected PEM type (expected CERTIFICATE, got \""
                + Pem.shorten(block.type) + "\")");
      }
      chain.add(parse(block.der, source + " (certificate " + (chain.size() + 1) + ")"));
    }
    return List.copyOf(chain);
  }

  /**
   * Decodes one DER certificate.
   *
   * @param der the DER bytes
   * @param source what they are, for messages
   * @return the certificate
   * @throws KeyException if the bytes are not exactly one X.509 certificate
   */
  public static X509Certificate parse(byte[] der, String source) throws KeyException {
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (!java.util.Arrays.equals(certificate.getEncoded(), der)) {
        throw new KeyException("read certificate " + source + ": trailing bytes or non-DER encoding");
      }
      return certificate;
    } catch (CertificateException | RuntimeException e) {
      throw new KeyException("read certificate " + source + ": not an X.509 certificate");
    }
  }

  /**
   * Returns the certificate's subject public key.
   *
   * @param certificate the certificate
   * @param source what it is, for messages
   * @return the key, bound to its type's default algorithm
   * @throws KeyException if the key is not of a supported type
   */
  public static PublicKeyInfo publicKey(X509Certificate certificate, String source)
      throws KeyException {
    return PublicKeys.of(certificate.getPublicKey().getEncoded(), source);
  }

  /**
   * Encodes a certificate as a {@code CERTIFICATE} PEM block.
   *
   * @param certificate the certificate
   * @return the PEM text
   */
  public static String pem(X509Certificate certificate) {
    try {
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("encode certificate", e);
    }
  }
}
