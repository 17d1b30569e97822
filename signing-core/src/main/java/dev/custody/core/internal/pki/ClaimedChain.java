package dev.custody.core.internal.pki;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.formats.bundle.SigstoreBundle;
import dev.custody.sign.KeyException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificate chain a signature says it was made with, not yet parsed or trusted: cosign's
 * {@code dev.sigstore.cosign/certificate} and {@code dev.sigstore.cosign/chain} layer annotations
 * (PEM leaf, then PEM intermediates and root; FORMATS.md §3.2, §3.7), or a Sigstore bundle's
 * certificate or v0.1/v0.2 chain (DER; §6.7). Parsed only when a certificate signer may accept it.
 *
 * @param leafPem the PEM leaf of a layer
 * @param chainPem the PEM rest of the chain of a layer (may be blank)
 * @param ders the DER chain of a bundle, leaf first
 */
public record ClaimedChain(Optional<String> leafPem, Optional<String> chainPem, List<Bytes> ders) {
  /** Copies the parts. */
  public ClaimedChain {
    requireNonNull(leafPem, "leafPem");
    requireNonNull(chainPem, "chainPem");
    ders = List.copyOf(ders);
  }

  /** {@return no chain} */
  public static ClaimedChain none() {
    return new ClaimedChain(Optional.empty(), Optional.empty(), List.of());
  }

  /** {@return the chain of a layer's annotations; none without a certificate annotation} */
  public static ClaimedChain ofPem(Optional<String> leafPem, Optional<String> chainPem) {
    return new ClaimedChain(leafPem, chainPem, List.of());
  }

  /** {@return the DER chain of a bundle, leaf first} */
  public static ClaimedChain ofDer(List<Bytes> ders) {
    return new ClaimedChain(Optional.empty(), Optional.empty(), ders);
  }

  /** {@return a v0.3 bundle's single leaf, or a v0.1/v0.2 bundle's chain (FORMATS.md §6.7)} */
  public static ClaimedChain of(SigstoreBundle bundle) {
    return ofDer(
        bundle.certificateChain().isEmpty()
            ? bundle.certificate().map(List::of).orElse(List.of())
            : bundle.certificateChain());
  }

  /** {@return whether a certificate is claimed at all} */
  public boolean isPresent() {
    return leafPem.isPresent() || !ders.isEmpty();
  }

  /**
   * Parses the chain.
   *
   * @return the certificates, leaf first, at least one
   * @throws KeyException {@link Reason#LIMIT_EXCEEDED} if longer than {@link
   *     Certificates#MAX_CHAIN_LENGTH}; otherwise if a certificate is malformed, or the leaf
   *     annotation holds more than the leaf
   * @throws IllegalStateException if no chain is claimed
   */
  public List<X509Certificate> parse() throws KeyException {
    if (!isPresent()) {
      throw new IllegalStateException("no certificate chain is claimed");
    }
    List<X509Certificate> chain = new ArrayList<>();
    if (leafPem.isPresent()) {
      chain.addAll(
          Certificates.readChain(
              leafPem.get().getBytes(StandardCharsets.US_ASCII), "certificate annotation"));
      if (chain.size() != 1) {
        throw new KeyException(
            "read certificate annotation: expected the leaf certificate alone, got "
                + chain.size()
                + " certificates");
      }
      if (chainPem.isPresent() && !chainPem.get().isBlank()) {
        chain.addAll(
            Certificates.readChain(
                chainPem.get().getBytes(StandardCharsets.US_ASCII), "chain annotation"));
      }
    } else {
      if (ders.size() > Certificates.MAX_CHAIN_LENGTH) {
        throw tooLong();
      }
      for (Bytes der : ders) {
        chain.add(
            Certificates.parse(der.toByteArray(), "bundle certificate " + (chain.size() + 1)));
      }
    }
    if (chain.size() > Certificates.MAX_CHAIN_LENGTH) {
      throw tooLong();
    }
    return List.copyOf(chain);
  }

  private static KeyException tooLong() {
    return new KeyException(
        Reason.LIMIT_EXCEEDED,
        "read certificate chain: more than " + Certificates.MAX_CHAIN_LENGTH + " certificates",
        null);
  }
}
