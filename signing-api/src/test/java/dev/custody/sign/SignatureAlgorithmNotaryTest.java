package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.Bytes;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SignatureAlgorithm#notaryAlgorithm}: FORMATS.md §5.5, fixed by the key alone. */
class SignatureAlgorithmNotaryTest {

  private static PublicKeyInfo rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return PublicKeyInfo.of(Bytes.of(generator.generateKeyPair().getPublic().getEncoded()));
  }

  private static PublicKeyInfo ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return PublicKeyInfo.of(Bytes.of(generator.generateKeyPair().getPublic().getEncoded()));
  }

  @Test
  void notaryAlgorithm_rsaBySize_pssWithTheMatchingHash() throws Exception {
    assertEquals(Optional.of(SignatureAlgorithm.RSA_PSS_SHA256), SignatureAlgorithm.notaryAlgorithm(rsa(2048)));
    assertEquals(Optional.of(SignatureAlgorithm.RSA_PSS_SHA384), SignatureAlgorithm.notaryAlgorithm(rsa(3072)));
    assertEquals(Optional.of(SignatureAlgorithm.RSA_PSS_SHA512), SignatureAlgorithm.notaryAlgorithm(rsa(4096)));
  }

  @Test
  void notaryAlgorithm_rsaOfAnotherSize_empty() throws Exception {
    assertEquals(Optional.empty(), SignatureAlgorithm.notaryAlgorithm(rsa(2304)));
  }

  @Test
  void notaryAlgorithm_ecByCurve_ecdsaWithTheCurvesHash() throws Exception {
    assertEquals(Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256), SignatureAlgorithm.notaryAlgorithm(ec("secp256r1")));
    assertEquals(Optional.of(SignatureAlgorithm.ECDSA_P384_SHA384), SignatureAlgorithm.notaryAlgorithm(ec("secp384r1")));
    assertEquals(Optional.of(SignatureAlgorithm.ECDSA_P521_SHA512), SignatureAlgorithm.notaryAlgorithm(ec("secp521r1")));
  }

  @Test
  void notaryAlgorithm_ed25519_empty() throws Exception {
    PublicKeyInfo key =
        PublicKeyInfo.of(Bytes.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()));

    assertEquals(Optional.empty(), SignatureAlgorithm.notaryAlgorithm(key));
  }

  @Test
  void notaryAlgorithm_keyBoundToAnotherAlgorithm_stillChosenByTheKey() throws Exception {
    PublicKeyInfo key = rsa(2048).withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA512);

    assertEquals(Optional.of(SignatureAlgorithm.RSA_PSS_SHA256), SignatureAlgorithm.notaryAlgorithm(key));
  }
}
