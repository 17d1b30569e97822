package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.PasswordSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** FORMATS.md §4.5: the worked test vector of cosign's encrypted private key, byte for byte. */
class CosignKeyFormatTest {
  static final String PASSWORD = "custody-test";
  static final String VECTOR_JSON =
      "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3\"},\"ciphertext\":\"p/Uo9+r/7AAYCYeO4v3mGgURcO03RRCLzJ58O+hArVKPoHY76fYYmBLtBirSzEnPdQpTJJAADhwEwlxHLHi8xo8SEMYfOqMo0r8RsbSkJpbBbF269nMDdbzhLIFld6/Y69LzGJpHK6aXIRDYRwJyfX+iVqF05+LefTCIGl8XmjwhQiQRcsIJFsEzS6eSy81WjZYrUjV4ride/A==\"}";
  static final String VECTOR_PEM =
      "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
          + "eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwiciI6\n"
          + "OCwicCI6MX0sInNhbHQiOiJBQUVDQXdRRkJnY0lDUW9MREEwT0R4QVJFaE1VRlJZ\n"
          + "WEdCa2FHeHdkSGg4PSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94\n"
          + "Iiwibm9uY2UiOiJJQ0VpSXlRbEppY29LU29yTEMwdUx6QXhNak0wTlRZMyJ9LCJj\n"
          + "aXBoZXJ0ZXh0IjoicC9Vbzkrci83QUFZQ1llTzR2M21HZ1VSY08wM1JSQ0x6SjU4\n"
          + "TytoQXJWS1BvSFk3NmZZWW1CTHRCaXJTekVuUGRRcFRKSkFBRGh3RXdseEhMSGk4\n"
          + "eG84U0VNWWZPcU1vMHI4UnNiU2tKcGJCYkYyNjluTURkYnpoTElGbGQ2L1k2OUx6\n"
          + "R0pwSEs2YVhJUkRZUndKeWZYK2lWcUYwNStMZWZUQ0lHbDhYbWp3aFFpUVJjc0lK\n"
          + "RnNFelM2ZVN5ODFXalpZclVqVjRyaWRlL0E9PSJ9\n"
          + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";

  static byte[] range(int from, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (from + i);
    }
    return bytes;
  }

  static byte[] appendixAPkcs8() {
    return Pem.decodeAllUnchecked(TestKeys.APPENDIX_A_PKCS8).get(0).der;
  }

  @Test
  void appendixAKey_isThe138BytePkcs8OfTheVector() {
    assertEquals(138, appendixAPkcs8().length);
  }

  @Test
  void scrypt_vectorPassword_derivesDocumentedKey() {
    byte[] key =
        CosignKeyFormat.deriveKey(PASSWORD.toCharArray(), range(0, 32), CosignKeyFormat.STANDARD);
    assertEquals(
        "dadf1e9b004de0158a725d8bda1a7f29b86655b0cfa91e764d794bf6b502371e", Bytes.of(key).hex());
  }

  @Test
  void encrypt_vectorSaltAndNonce_reproducesPemByteForByte() {
    String pem =
        CosignKeyFormat.encrypt(
            appendixAPkcs8(),
            PASSWORD.toCharArray(),
            range(0, 32),
            range(0x20, 24),
            CosignKeyFormat.STANDARD);
    assertEquals(VECTOR_PEM, pem);
    byte[] json = Pem.decodeAllUnchecked(pem).get(0).der;
    assertEquals(VECTOR_JSON, new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void decrypt_vector_yieldsAppendixAKeyAndTag() throws Exception {
    byte[] pkcs8 =
        CosignKeyFormat.decrypt(
            VECTOR_JSON.getBytes(StandardCharsets.UTF_8), PASSWORD.toCharArray(), "vector.key");
    assertArrayEquals(appendixAPkcs8(), pkcs8);
    byte[] box = Base64.getDecoder().decode(VECTOR_JSON.replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1"));
    assertEquals("a7f528f7eaffec001809878ee2fde61a", Bytes.of(java.util.Arrays.copyOf(box, 16)).hex());
  }

  @Test
  void readPrivateKey_vectorPem_givesAppendixAPublicKey() throws Exception {
    SigningKey key =
        PrivateKeys.read(
            VECTOR_PEM.getBytes(StandardCharsets.US_ASCII),
            "cosign.key",
            PasswordSource.fixed(PASSWORD.toCharArray()));
    assertEquals(TestKeys.appendixA().publicKey(), key.publicKey());
    assertEquals("1XFv726FBBiit67mOpB1gVEE2LNMJqiBayeEDSGaRF0=", key.publicKey().keyId().value());
  }

  @Test
  void readPrivateKey_legacyCosignLabel_isAccepted() throws Exception {
    String legacy = VECTOR_PEM.replace("SIGSTORE", "COSIGN");
    SigningKey key =
        PrivateKeys.read(
            legacy.getBytes(StandardCharsets.US_ASCII),
            "old.key",
            PasswordSource.fixed(PASSWORD.toCharArray()));
    assertEquals(TestKeys.appendixA().publicKey(), key.publicKey());
  }

  @Test
  void readPrivateKey_wrongPassword_failsWithoutShowingPassword() {
    String wrong = "hunter2-wrong";
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                PrivateKeys.read(
                    VECTOR_PEM.getBytes(StandardCharsets.US_ASCII),
                    "cosign.key",
                    PasswordSource.fixed(wrong.toCharArray())));
    assertEquals(Reason.KEY, e.reason());
    assertTrue(e.getMessage().contains("cosign.key"), e.getMessage());
    assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    assertFalse(e.getMessage().contains(wrong), e.getMessage());
  }

  @Test
  void readPrivateKey_noPassword_saysWhereToSetIt() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                PrivateKeys.read(
                    VECTOR_PEM.getBytes(StandardCharsets.US_ASCII), "cosign.key", PasswordSource.none()));
    assertTrue(e.getMessage().contains("CUSTODY_PASSWORD"), e.getMessage());
  }

  @Test
  void decrypt_unlistedScryptParameters_refusedBeforeDeriving() {
    byte[] json =
        VECTOR_JSON.replace("\"N\":65536", "\"N\":1048576").getBytes(StandardCharsets.UTF_8);
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> CosignKeyFormat.decrypt(json, PASSWORD.toCharArray(), "hostile.key"));
    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().contains("N=1048576"), e.getMessage());
  }

  @Test
  void decrypt_otherCipher_refused() {
    byte[] json = VECTOR_JSON.replace("nacl/secretbox", "aes-gcm").getBytes(StandardCharsets.UTF_8);
    KeyException e =
        assertThrows(
            KeyException.class, () -> CosignKeyFormat.decrypt(json, PASSWORD.toCharArray(), "x.key"));
    assertTrue(e.getMessage().contains("cipher.name"), e.getMessage());
  }

  @Test
  void decrypt_alteredCiphertext_failsLikeWrongPassword() {
    byte[] json = VECTOR_JSON.replace("p/Uo9", "q/Uo9").getBytes(StandardCharsets.UTF_8);
    KeyException e =
        assertThrows(
            KeyException.class, () -> CosignKeyFormat.decrypt(json, PASSWORD.toCharArray(), "x.key"));
    assertTrue(e.getMessage().contains("wrong password, or the file was altered"), e.getMessage());
  }

  @Test
  void decrypt_malformedJson_namesTheFile() {
    byte[] json = "{\"kdf\":".getBytes(StandardCharsets.UTF_8);
    KeyException e =
        assertThrows(
            KeyException.class, () -> CosignKeyFormat.decrypt(json, PASSWORD.toCharArray(), "bad.key"));
    assertTrue(e.getMessage().contains("bad.key"), e.getMessage());
  }
}
