package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PublicKeyInfoTest {
  /** FORMATS.md Appendix A public key. */
  static final Bytes APPENDIX_A =
      Bytes.of(
          Base64.getDecoder()
              .decode(
                  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEss/eaq4LUqjGCzq2NU5/PmPGnxcT"
                      + "ozv7wZCiqdlvK1am/mfMVsB0TVbVLqSmefIM1qC33TrACbqo3MbnjkKUKg=="));

  @Test
  void of_appendixAKey_p256WithCosignHint() throws Exception {
    PublicKeyInfo key = PublicKeyInfo.of(APPENDIX_A);
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, key.algorithm());
    assertEquals(KeyType.EC_P256, key.keyType());
    assertEquals(256, key.keySizeBits());
    assertEquals("1XFv726FBBiit67mOpB1gVEE2LNMJqiBayeEDSGaRF0=", key.keyId().value());
    assertTrue(key.pem().startsWith("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEss/eaq4LUqjGCzq2NU5/PmPGnxcT\n"));
    assertTrue(key.toString().contains(key.fingerprint().toString()));
  }

  @Test
  void withAlgorithm_sameAlgorithm_returnsThis() throws Exception {
    PublicKeyInfo key = PublicKeyInfo.of(APPENDIX_A);
    assertSame(key, key.withAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256));
  }

  @Test
  void of_rsa1024_refusedAsTooSmall() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    Bytes spki = Bytes.of(generator.generateKeyPair().getPublic().getEncoded());
    KeyException e = assertThrows(KeyException.class, () -> PublicKeyInfo.of(spki));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertEquals("read public key: RSA key too small (expected at least 2048 bits, got 1024)", e.getMessage());
  }

  @Test
  void of_rsa2048_acceptedForPss() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Bytes spki = Bytes.of(generator.generateKeyPair().getPublic().getEncoded());
    PublicKeyInfo key = PublicKeyInfo.of(spki, SignatureAlgorithm.RSA_PSS_SHA256);
    assertEquals(2048, key.keySizeBits());
    assertEquals("PS256", key.algorithm().jwsName().orElseThrow());
  }

  @Test
  void of_garbage_refused() {
    KeyException e = assertThrows(KeyException.class, () -> PublicKeyInfo.of(Bytes.utf8("not a key")));
    assertTrue(e.getMessage().startsWith("read public key: not a SubjectPublicKeyInfo"), e.getMessage());
  }

  @Test
  void keyTypes_defaultAlgorithmFirst() {
    assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA256, KeyType.RSA.algorithms().get(0));
    assertEquals(4, KeyType.RSA.algorithms().size());
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.defaultAlgorithm());
    assertTrue(SignatureAlgorithm.ED25519_PH.jwsName().isEmpty());
    assertTrue(SignatureAlgorithm.ED25519.digestName().isEmpty());
  }
}
