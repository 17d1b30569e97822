package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.SigningException;
import dev.custody.sign.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A signature whose key is trusted for another algorithm is refused; nothing is read from the input. */
class AlgorithmMismatchTest {
  static final Bytes MESSAGE = Bytes.utf8("{\"critical\":{}}");

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"EC_P384", "ED25519", "RSA"})
  void p256Signature_refusedByVerifierOfAnotherKeyType(KeyType other) throws Exception {
    Bytes signature = TestKeys.generated(KeyType.EC_P256).signer().sign(MESSAGE);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> BcVerifiers.of(TestKeys.generated(other).publicKey()).verify(MESSAGE, signature));
    assertEquals(Reason.VERIFICATION_FAILED, e.reason());
    assertTrue(e.getMessage().startsWith("verify signature with " + other.defaultAlgorithm() + " key "), e.getMessage());
  }

  @Test
  void p256Key_boundToP384Algorithm_refused() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                PublicKeyInfo.of(
                    TestKeys.generated(KeyType.EC_P256).publicKey().spki(),
                    SignatureAlgorithm.ECDSA_P384_SHA384));
    assertEquals(
        "use public key for ECDSA_P384_SHA384: key type does not fit the algorithm"
            + " (expected EC P-384, got EC P-256)",
        e.getMessage());
  }

  @Test
  void p256Key_boundToEd25519_refused() {
    assertThrows(
        KeyException.class,
        () -> TestKeys.generated(KeyType.EC_P256).publicKey().withAlgorithm(SignatureAlgorithm.ED25519));
  }

  @Test
  void rsaPkcs1Signature_refusedByPssVerifierOfTheSameKey() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.RSA);
    Bytes signature = key.signer(SignatureAlgorithm.RSA_PKCS1_SHA256).sign(MESSAGE);
    PublicKeyInfo pss = key.publicKey().withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA256);
    assertThrows(VerificationException.class, () -> BcVerifiers.of(pss).verify(MESSAGE, signature));
    BcVerifiers.of(key.publicKey()).verify(MESSAGE, signature);
  }

  @Test
  void ed25519PhSignature_refusedByPureEd25519Verifier() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.ED25519);
    Bytes signature = key.signer(SignatureAlgorithm.ED25519_PH).sign(MESSAGE);
    assertThrows(
        VerificationException.class, () -> BcVerifiers.of(key.publicKey()).verify(MESSAGE, signature));
  }

  @Test
  void pureEd25519_signDigest_unsupported() {
    SigningException e =
        assertThrows(
            SigningException.class,
            () -> TestKeys.generated(KeyType.ED25519).signer().signDigest(Bytes.of(new byte[64])));
    assertEquals(Reason.UNSUPPORTED, e.reason());
  }

  @Test
  void signDigest_wrongLength_isCallerMistake() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TestKeys.generated(KeyType.EC_P256).signer().signDigest(Bytes.of(new byte[48])));
    assertEquals("digest for ECDSA_P256_SHA256 must be 32 bytes, got 48", e.getMessage());
  }

  @Test
  void ecdsaSignature_nonStrictDer_refusedAsMalformed() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.EC_P256);
    byte[] der = key.signer().sign(MESSAGE).toByteArray();
    byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> BcVerifiers.of(key.publicKey()).verify(MESSAGE, Bytes.of(trailing)));
    assertTrue(e.getMessage().endsWith("malformed signature (expected DER ECDSA-Sig-Value)"), e.getMessage());
  }

  @Test
  void rawJwsSignature_refusedByDerVerifier_untilConverted() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.EC_P384);
    Bytes der = key.signer().sign(MESSAGE);
    Bytes raw = EcdsaSignatures.derToRaw(der, KeyType.EC_P384);
    assertEquals(96, raw.size());
    assertThrows(VerificationException.class, () -> BcVerifiers.of(key.publicKey()).verify(MESSAGE, raw));
    assertEquals(der, EcdsaSignatures.rawToDer(raw, KeyType.EC_P384));
  }
}
