package dev.custody.core.internal.notary.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.core.internal.formats.notary.JwsAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an envelope whose signature verified says: created only after the signature over
 * {@code protected.payload} was checked with the leaf key (FORMATS.md §5.3).
 *
 * @param algorithm the algorithm, derived from the leaf key and equal to the header's
 * @param scheme the signing scheme
 * @param signingTime {@code io.cncf.notary.signingTime}, or for the signing-authority scheme
 *     {@code io.cncf.notary.authenticSigningTime}
 * @param expiry {@code io.cncf.notary.expiry}, if present
 * @param chain the x5c chain, leaf first, at least one certificate
 * @param timestampToken the DER RFC 3161 token from {@code io.cncf.notary.timestampSignature}
 * @param signature the decoded primitive signature bytes (what a timestamp covers)
 * @param target the signed {@code targetArtifact}
 */
public record SignerInfo(
    JwsAlgorithm algorithm,
    SigningScheme scheme,
    Instant signingTime,
    Optional<Instant> expiry,
    List<X509Certificate> chain,
    Optional<Bytes> timestampToken,
    Bytes signature,
    TargetArtifact target) {

  /** Copies and checks. */
  public SignerInfo {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(scheme, "scheme");
    requireNonNull(signingTime, "signingTime");
    requireNonNull(expiry, "expiry");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain is empty");
    }
    requireNonNull(timestampToken, "timestampToken");
    requireNonNull(signature, "signature");
    requireNonNull(target, "target");
  }

  /** {@return the signing certificate} */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
