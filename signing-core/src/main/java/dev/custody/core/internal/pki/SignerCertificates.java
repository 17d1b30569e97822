package dev.custody.core.internal.pki;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.formats.cosign.SignatureLayer;
import dev.custody.sign.KeyException;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The signer's own certificate chain as cosign writes it on a legacy {@code .sig} or {@code .att}
 * layer (FORMATS.md §3.2, §3.7): the PEM leaf in {@code dev.sigstore.cosign/certificate}, the PEM
 * intermediates and root concatenated in {@code dev.sigstore.cosign/chain} (empty without them).
 * The leaf must certify the signing key, or the layer would name a signer that never signed it.
 *
 * @param leafPem the PEM leaf certificate
 * @param chainPem the PEM rest of the chain, possibly empty
 */
public record SignerCertificates(String leafPem, String chainPem) {
  /** Checks the parts are present. */
  public SignerCertificates {
    requireNonNull(leafPem, "leafPem");
    requireNonNull(chainPem, "chainPem");
  }

  /**
   * Checks and encodes a chain for a signer.
   *
   * @param derLeafFirst DER certificates, leaf first; not empty
   * @param signer the key that signs the layer
   * @param action what is being done, for messages ({@code "sign"}, {@code "attest"})
   * @return the PEM annotations
   * @throws SigningException ({@link Reason#INVALID_INPUT}) if a certificate does not parse or the
   *     leaf is not for the signer's key
   */
  public static SignerCertificates of(List<Bytes> derLeafFirst, Signer signer, String action)
      throws SigningException {
    requireNonNull(signer, "signer");
    requireNonNull(action, "action");
    if (derLeafFirst.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
    List<String> pems = new ArrayList<>();
    try {
      for (int i = 0; i < derLeafFirst.size(); i++) {
        X509Certificate certificate =
            Certificates.parse(
                derLeafFirst.get(i).toByteArray(), "certificate " + (i + 1) + " of the chain");
        if (i == 0
            && !Certificates.publicKey(certificate, "leaf certificate")
                .spki()
                .equals(signer.publicKey().spki())) {
          throw new SigningException(
              Reason.INVALID_INPUT,
              action
                  + " with certificate: the leaf certificate is not for the signing key (expected"
                  + " key "
                  + signer.keyId()
                  + ")",
              null);
        }
        pems.add(Certificates.pem(certificate));
      }
    } catch (KeyException e) {
      throw new SigningException(
          Reason.INVALID_INPUT, action + " with certificate: " + e.getMessage(), e);
    }
    return new SignerCertificates(pems.get(0), String.join("", pems.subList(1, pems.size())));
  }

  /**
   * Writes the certificate and chain annotations.
   *
   * @param layer the layer being built
   * @return {@code layer}
   */
  public SignatureLayer.Builder annotate(SignatureLayer.Builder layer) {
    return layer.certificate(leafPem, chainPem);
  }
}
