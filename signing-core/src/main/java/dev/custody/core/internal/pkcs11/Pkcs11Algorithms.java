package dev.custody.core.internal.pkcs11;

import dev.custody.sign.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

/**
 * JCA names for Custody's algorithms on the SunPKCS11 provider. ECDSA uses the DER-encoding
 * variants ({@code SHA256withECDSA}, not {@code …inP1363Format}), which is what cosign and DSSE
 * store. PSS parameters follow RFC 7518 §3.5: MGF1 with the message hash, salt as long as the hash.
 */
final class Pkcs11Algorithms {
  /** DigestInfo prefix for SHA-256 (RFC 8017 §9.2, note 1). */
  private static final byte[] SHA256_DIGEST_INFO =
      HexFormat.of().parseHex("3031300d060960864801650304020105000420");

  private Pkcs11Algorithms() {}

  /** {@return the name of the Signature that hashes and signs a whole message} */
  static String messageName(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return "SHA256withECDSA";
      case ECDSA_P384_SHA384:
        return "SHA384withECDSA";
      case ECDSA_P521_SHA512:
        return "SHA512withECDSA";
      case RSA_PKCS1_SHA256:
        return "SHA256withRSA";
      case RSA_PSS_SHA256:
        return "SHA256withRSASSA-PSS";
      case RSA_PSS_SHA384:
        return "SHA384withRSASSA-PSS";
      case RSA_PSS_SHA512:
        return "SHA512withRSASSA-PSS";
      case ED25519:
        return "Ed25519";
      case ED25519_PH:
        // RFC 8032 Ed25519ph needs CKM_EDDSA with phFlag set, which no JCA name expresses.
        return "Ed25519ph";
      default:
        throw new AssertionError(algorithm);
    }
  }

  /** {@return whether {@code provider} can sign whole messages with {@code algorithm}} */
  static boolean supports(SignatureAlgorithm algorithm, Provider provider) {
    return provider.getService("Signature", messageName(algorithm)) != null;
  }

  static Signature messageSignature(SignatureAlgorithm algorithm, Provider provider)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(messageName(algorithm), provider);
    pss(algorithm, signature);
    return signature;
  }

  /** A Signature that takes the digest itself: raw ECDSA (CKM_ECDSA, DER output). */
  static Signature digestSignature(SignatureAlgorithm algorithm, Provider provider)
      throws GeneralSecurityException {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
      case ECDSA_P384_SHA384:
      case ECDSA_P521_SHA512:
        return Signature.getInstance("NONEwithECDSA", provider);
      default:
        throw new NoSuchAlgorithmException("no digest signature for " + algorithm);
    }
  }

  static byte[] sha256DigestInfo(byte[] digest) {
    byte[] out = new byte[SHA256_DIGEST_INFO.length + digest.length];
    System.arraycopy(SHA256_DIGEST_INFO, 0, out, 0, SHA256_DIGEST_INFO.length);
    System.arraycopy(digest, 0, out, SHA256_DIGEST_INFO.length, digest.length);
    return out;
  }

  private static void pss(SignatureAlgorithm algorithm, Signature signature)
      throws GeneralSecurityException {
    switch (algorithm) {
      case RSA_PSS_SHA256:
        signature.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        break;
      case RSA_PSS_SHA384:
        signature.setParameter(
            new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
        break;
      case RSA_PSS_SHA512:
        signature.setParameter(
            new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        break;
      default:
        break;
    }
  }
}
