package dev.custody.core.internal.notary.verify;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The Notary Project JWS algorithms, each fixed by the leaf key (FORMATS.md §5.5): RSA 2048 →
 * PS256, 3072 → PS384, 4096 → PS512; P-256 → ES256, P-384 → ES384, P-521 → ES512. Other keys are
 * unsupported (notation-core-go {@code signature.ExtractKeySpec}). The header's {@code alg} is
 * only ever compared with the algorithm derived here, never used to pick one.
 */
public enum SigningAlgorithm {
  /** RSASSA-PSS with SHA-256, RSA 2048. */
  PS256("SHA-256", 32, 2048, null),
  /** RSASSA-PSS with SHA-384, RSA 3072. */
  PS384("SHA-384", 48, 3072, null),
  /** RSASSA-PSS with SHA-512, RSA 4096. */
  PS512("SHA-512", 64, 4096, null),
  /** ECDSA P-256 with SHA-256. */
  ES256("SHA-256", 32, 0, "secp256r1"),
  /** ECDSA P-384 with SHA-384. */
  ES384("SHA-384", 48, 0, "secp384r1"),
  /** ECDSA P-521 with SHA-512. */
  ES512("SHA-512", 64, 0, "secp521r1");

  private final String hash;
  private final int hashLength;
  private final int rsaBits;
  private final String curve;

  SigningAlgorithm(String hash, int hashLength, int rsaBits, String curve) {
    this.hash = hash;
    this.hashLength = hashLength;
    this.rsaBits = rsaBits;
    this.curve = curve;
  }

  /** {@return the JCA name of the hash (SHA-256, SHA-384, SHA-512)} */
  public String hash() {
    return hash;
  }

  /** {@return the algorithm a key of this kind and size signs with, if supported} */
  public static Optional<SigningAlgorithm> forKey(PublicKey key) {
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      for (SigningAlgorithm alg : values()) {
        if (alg.rsaBits == bits) {
          return Optional.of(alg);
        }
      }
      return Optional.empty();
    }
    if (key instanceof ECPublicKey) {
      ECParameterSpec params = ((ECPublicKey) key).getParams();
      for (SigningAlgorithm alg : values()) {
        if (alg.curve != null && sameCurve(params, alg.curve)) {
          return Optional.of(alg);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Verifies a JWS signature (RFC 7518: PSS with MGF1 of the same hash and salt length equal to
   * the hash length, as notation signs; ECDSA as raw {@code R||S}).
   *
   * @param key the leaf key
   * @param signingInput the ASCII bytes of {@code protected.payload}
   * @param signature the decoded signature
   * @return whether the signature is valid
   * @throws GeneralSecurityException if the JDK lacks the algorithm or the key does not fit it
   */
  public boolean verify(PublicKey key, byte[] signingInput, byte[] signature)
      throws GeneralSecurityException {
    java.security.Signature verifier;
    if (curve == null) {
      verifier = java.security.Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(
          new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), hashLength, 1));
    } else {
      verifier =
          java.security.Signature.getInstance(
              hash.replace("-", "") + "withECDSAinP1363Format");
    }
    verifier.initVerify(key);
    verifier.update(signingInput);
    return verifier.verify(signature);
  }

  private static boolean sameCurve(ECParameterSpec params, String name) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(name));
      ECParameterSpec named = p.getParameterSpec(ECParameterSpec.class);
      return named.getCurve().equals(params.getCurve())
          && named.getOrder().equals(params.getOrder())
          && named.getGenerator().equals(params.getGenerator());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
