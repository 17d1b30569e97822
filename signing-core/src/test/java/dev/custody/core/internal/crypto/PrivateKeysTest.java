package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Private and public key files written by OpenSSL 3 (src/test/resources/crypto/README.md). */
class PrivateKeysTest {
  static final PasswordSource FIXTURE_PASSWORD = PasswordSource.fixed("fixture-password".toCharArray());

  @ParameterizedTest
  @CsvSource({
    "p256-pkcs8.pem, p256.pub, EC_P256",
    "p256-sec1.pem, p256.pub, EC_P256",
    "p384-encrypted-pkcs8.pem, p384.pub, EC_P384",
    "rsa3072-pkcs1.pem, rsa3072.pub, RSA",
    "ed25519-pkcs8.pem, ed25519.pub, ED25519",
  })
  void read_opensslKeyFile_matchesOpensslPublicKey(String keyFile, String pubFile, KeyType type)
      throws Exception {
    SigningKey key = PrivateKeys.read(TestKeys.fixture(keyFile), keyFile, FIXTURE_PASSWORD);
    PublicKeyInfo expected = PublicKeys.read(TestKeys.fixture(pubFile), pubFile);
    assertEquals(type, key.keyType());
    assertEquals(expected, key.publicKey());
  }

  @Test
  void readPublic_pkcs1RsaPublicKey_equalsSpkiForm() throws Exception {
    assertEquals(
        PublicKeys.read(TestKeys.fixture("rsa3072.pub"), "rsa3072.pub"),
        PublicKeys.read(TestKeys.fixture("rsa3072-pkcs1.pub"), "rsa3072-pkcs1.pub"));
  }

  @Test
  void readPublic_certificate_givesItsKey() throws Exception {
    assertEquals(
        PublicKeys.read(TestKeys.fixture("p256.pub"), "p256.pub"),
        PublicKeys.read(TestKeys.fixture("p256-cert.pem"), "p256-cert.pem"));
    assertEquals(1, Certificates.readChain(TestKeys.fixture("p256-cert.pem"), "c").size());
  }

  @Test
  void verify_opensslSignatures_accepted() throws Exception {
    Bytes message = Bytes.of(TestKeys.fixture("message.txt"));
    BcVerifiers.of(PublicKeys.read(TestKeys.fixture("p256.pub"), "p256.pub"))
        .verify(message, Bytes.of(TestKeys.fixture("p256-message.sig")));
    BcVerifiers.of(PublicKeys.read(TestKeys.fixture("ed25519.pub"), "ed25519.pub"))
        .verify(message, Bytes.of(TestKeys.fixture("ed25519-message.sig")));
  }

  @Test
  void read_encryptedPkcs8WrongPassword_failsWithoutShowingPassword() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                PrivateKeys.read(
                    TestKeys.fixture("p384-encrypted-pkcs8.pem"),
                    "p384.pem",
                    PasswordSource.fixed("not-the-password".toCharArray())));
    assertEquals(Reason.KEY, e.reason());
    assertEquals("decrypt private key p384.pem: wrong password, or the file was altered", e.getMessage());
    assertFalse(e.getMessage().contains("not-the-password"));
  }

  @Test
  void read_legacyOpensslEncryption_refusedWithHint() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> PrivateKeys.read(TestKeys.fixture("p256-legacy-encrypted.pem"), "old.pem", FIXTURE_PASSWORD));
    assertTrue(e.getMessage().startsWith("read old.pem: PEM block \"EC PRIVATE KEY\" has headers"), e.getMessage());
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
  }

  @Test
  void read_unknownPemType_namesFileAndType() {
    byte[] pem = Pem.encode("DSA PRIVATE KEY", new byte[] {1, 2, 3}).getBytes(StandardCharsets.US_ASCII);
    KeyException e =
        assertThrows(KeyException.class, () -> PrivateKeys.read(pem, "/keys/dsa.pem", FIXTURE_PASSWORD));
    assertTrue(e.getMessage().startsWith("read private key /keys/dsa.pem: unknown PEM type"), e.getMessage());
    assertTrue(e.getMessage().contains("got \"DSA PRIVATE KEY\""), e.getMessage());
  }

  @Test
  void read_garbage_namesFile() {
    byte[] garbage = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
    KeyException e =
        assertThrows(KeyException.class, () -> PrivateKeys.read(garbage, "/tmp/picture.png", FIXTURE_PASSWORD));
    assertEquals(
        "read /tmp/picture.png: no PEM block found (expected -----BEGIN …----- lines)", e.getMessage());
  }

  @Test
  void read_badBase64_namesFile() {
    byte[] pem = "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
    KeyException e = assertThrows(KeyException.class, () -> PrivateKeys.read(pem, "k.pem", FIXTURE_PASSWORD));
    assertEquals("read k.pem: PEM block \"PRIVATE KEY\" is not valid base64", e.getMessage());
  }

  @Test
  void read_pkcs8Garbage_namesFile() {
    byte[] pem = Pem.encode("PRIVATE KEY", new byte[] {0x30, 3, 2, 1, 0}).getBytes(StandardCharsets.US_ASCII);
    KeyException e = assertThrows(KeyException.class, () -> PrivateKeys.read(pem, "k.pem", FIXTURE_PASSWORD));
    assertTrue(e.getMessage().startsWith("read private key k.pem: "), e.getMessage());
  }

  @Test
  void readPublic_privateKeyFile_pointsToPub() {
    KeyException e =
        assertThrows(KeyException.class, () -> PublicKeys.read(TestKeys.fixture("p256-pkcs8.pem"), "cosign.key"));
    assertTrue(e.getMessage().contains("this is a private key"), e.getMessage());
  }

  @Test
  void appendixA_deterministicEcdsa_reproducesFormatsSection36Signature() throws Exception {
    String payload =
        "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example.com/team/app\"},\"image\":{\"docker-manifest-digest\":\"sha256:a70c3578b1382f1463bda6a33e0e330203ff1deb7ddff2eff3e35adaf38923ec\"},\"type\":\"cosign container image signature\"},\"optional\":null}";
    assertEquals(245, payload.length());
    Bytes signature = TestKeys.appendixA().signer().sign(Bytes.utf8(payload));
    assertEquals(
        "MEQCIH/gFFj1Y3QS3cJk6aAoLZIkGsmoyFqUqYAJZhvB8V7+AiBy0sJ5+UHZEVxy3UdOk8uPn2VIBpAh8gUZPRt0wjfuNQ==",
        java.util.Base64.getEncoder().encodeToString(signature.toByteArray()));
    PublicKeyInfo pub =
        PublicKeys.read(TestKeys.APPENDIX_A_PUB.getBytes(StandardCharsets.US_ASCII), "a.pub");
    assertDoesNotThrow(() -> BcVerifiers.of(pub).verify(Bytes.utf8(payload), signature));
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, pub.algorithm());
  }
}
