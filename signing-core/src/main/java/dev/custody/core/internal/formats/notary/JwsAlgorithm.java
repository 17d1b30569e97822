package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms the Notary Project allows (FORMATS.md §5.3, §5.5), each fixed by the key: RSA
 * 2048/3072/4096 bits sign PS256/384/512 (RSASSA-PSS, MGF1 with the same hash, salt length = hash
 * length) and EC P-256/384/521 sign ES256/384/512 (raw {@code R||S} in the envelope). Never {@code
 * none}, HMAC or RSASSA-PKCS1-v1_5.
 */
public enum JwsAlgorithm {
  /** RSASSA-PSS with SHA-256, RSA 2048. */
  PS256(JWSAlgorithm.PS256, "SHA-256", 0, ""),
  /** RSASSA-PSS with SHA-384, RSA 3072. */
  PS384(JWSAlgorithm.PS384, "SHA-384", 0, ""),
  /** RSASSA-PSS with SHA-512, RSA 4096. */
  PS512(JWSAlgorithm.PS512, "SHA-512", 0, ""),
  /** ECDSA P-256 with SHA-256. */
  ES256(JWSAlgorithm.ES256, "SHA-256", 32, "secp256r1"),
  /** ECDSA P-384 with SHA-384. */
  ES384(JWSAlgorithm.ES384, "SHA-384", 48, "secp384r1"),
  /** ECDSA P-521 with SHA-512. */
  ES512(JWSAlgorithm.ES512, "SHA-512", 66, "secp521r1");

  private final JWSAlgorithm nimbus;
  private final String hash;
  private final int coordinateLength;
  private final String curve;

  JwsAlgorithm(JWSAlgorithm nimbus, String hash, int coordinateLength, String curve) {
    this.nimbus = nimbus;
    this.hash = hash;
    this.coordinateLength = coordinateLength;
    this.curve = curve;
  }

  /** {@return the {@code alg} header value} */
  public String jwsName() {
    return nimbus.getName();
  }

  /** {@return the Nimbus constant} */
  public JWSAlgorithm nimbus() {
    return nimbus;
  }

  /** {@return the JCA name of the hash, e.g. {@code SHA-256}} */
  public String hashAlgorithm() {
    return hash;
  }

  /** {@return whether this is an ECDSA algorithm} */
  public boolean isEcdsa() {
    return coordinateLength > 0;
  }

  /** {@return the length of a raw {@code R||S} signature in bytes; 0 for RSASSA-PSS} */
  public int rawSignatureLength() {
    return 2 * coordinateLength;
  }

  /** {@return the JCA signature algorithm name to verify with} */
  public String jcaName() {
    return isEcdsa() ? hash.replace("-", "") + "withECDSA" : "RSASSA-PSS";
  }

  /** {@return the PSS parameters (salt length = hash length) for PS*, empty for ES*} */
  public Optional<PSSParameterSpec> pssParameters() {
    if (isEcdsa()) {
      return Optional.empty();
    }
    int saltLength = Integer.parseInt(hash.substring(4)) / 8;
    return Optional.of(
        new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
  }

  /** {@return the algorithm named {@code alg}, if Notary allows it} */
  public static Optional<JwsAlgorithm> fromJwsName(String alg) {
    requireNonNull(alg, "alg");
    return Arrays.stream(values()).filter(a -> a.jwsName().equals(alg)).findFirst();
  }

  /**
   * The algorithm a key signs with (FORMATS.md §5.5).
   *
   * @param key an RSA or EC public key
   * @return the algorithm
   * @throws InvalidInputException with reason UNSUPPORTED for other key types and sizes
   */
  public static JwsAlgorithm forKey(PublicKey key) throws InvalidInputException {
    requireNonNull(key, "key");
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      switch (bits) {
        case 2048:
          return PS256;
        case 3072:
          return PS384;
        case 4096:
          return PS512;
        default:
          throw unsupported("RSA " + bits + " bits (expected 2048, 3072 or 4096)");
      }
    }
    if (key instanceof ECPublicKey) {
      ECParameterSpec params = ((ECPublicKey) key).getParams();
      for (JwsAlgorithm a : new JwsAlgorithm[] {ES256, ES384, ES512}) {
        ECParameterSpec named = named(a.curve);
        if (named.getCurve().equals(params.getCurve())
            && named.getOrder().equals(params.getOrder())) {
          return a;
        }
      }
      throw unsupported("an EC key on a curve other than P-256, P-384 or P-521");
    }
    throw unsupported(key.getAlgorithm() + " keys (expected RSA or EC)");
  }

  private static ECParameterSpec named(String curve) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(curve));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks the NIST curve " + curve, e);
    }
  }

  private static InvalidInputException unsupported(String what) {
    return new InvalidInputException(
        CustodyException.Reason.UNSUPPORTED,
        "choose Notary signature algorithm: unsupported key: " + what);
  }
}
