package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.sign.KeyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.Signer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys and their passwords never show in {@code toString()} of keys, signers and
 * providers, nor in the message of a failed decryption: each is searched for the password and for
 * any 12-character run of the private key's PKCS#8 encoding in hex or base64.
 */
class KeySecretsTest {
  private static final String PASSWORD = "Pa55-word-for-the-review";

  @TempDir Path dir;

  private static void assertNoSecret(String shown, byte[] pkcs8) {
    assertTrue(!shown.contains(PASSWORD), shown);
    String hex = HexFormat.of().formatHex(pkcs8);
    String b64 = Base64.getEncoder().encodeToString(pkcs8);
    String lower = shown.toLowerCase(Locale.ROOT);
    for (int i = 0; i + 12 <= hex.length(); i += 6) {
      assertTrue(!lower.contains(hex.substring(i, i + 12)), "hex of the private key in: " + shown);
    }
    for (int i = 0; i + 12 <= b64.length(); i += 4) {
      assertTrue(!shown.contains(b64.substring(i, i + 12)), "base64 of the private key in: " + shown);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void encryptedKeyFile_keySignerProviderAndWrongPasswordError_showNoSecret(KeyType type) throws Exception {
    SigningKey key = TestKeys.generated(type);
    byte[] pkcs8 = key.toPkcs8();
    KeyPairFiles.write(
        key, dir.resolve("cosign"), KeyPairFiles.Format.COSIGN,
        PasswordSource.fixed(PASSWORD.toCharArray()), false, new SecureRandom());
    FileKeyProvider provider = new FileKeyProvider();
    KeyRef ref = KeyRef.parse(dir.resolve("cosign.key").toString());

    Signer signer = provider.signer(ref, PasswordSource.fixed(PASSWORD.toCharArray()));
    assertEquals(key.publicKey(), signer.publicKey());
    for (Object o : new Object[] {key, signer, provider, key.publicKey()}) {
      assertNoSecret(String.valueOf(o), pkcs8);
    }

    KeyException wrong = assertThrows(KeyException.class,
        () -> provider.signer(ref, PasswordSource.fixed((PASSWORD + "x").toCharArray())));
    assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());
    assertNoSecret(wrong.getMessage(), pkcs8);
    assertTrue(!wrong.getMessage().contains(PASSWORD + "x"), wrong.getMessage());
  }
}
