package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.Signer;
import dev.custody.sign.Verifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Write, then read: every key type through every format Custody writes or reads. */
class KeyRoundTripTest {
  static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void pkcs8Pem_writeThenRead_sameKey(KeyType type) throws Exception {
    SigningKey key = TestKeys.generated(type);
    String pem = Pem.encode("PRIVATE KEY", key.toPkcs8());
    SigningKey read = PrivateKeys.read(ascii(pem), "k.pem", PasswordSource.none());
    assertEquals(key.publicKey(), read.publicKey());
    assertSignsForTheSameKey(read.signer(), BcVerifiers.of(key.publicKey()));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void cosignEncrypted_writeThenRead_sameKey(KeyType type) throws Exception {
    SigningKey key = TestKeys.generated(type);
    String pem = CosignKeyFormat.encrypt(key.toPkcs8(), PASSWORD, new SecureRandom());
    assertTrue(pem.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), pem);
    SigningKey read = PrivateKeys.read(ascii(pem), "cosign.key", PasswordSource.fixed(PASSWORD));
    assertEquals(key.publicKey(), read.publicKey());
  }

  @Test
  void cosignEncrypted_emptyPassword_allowedAsInCosign() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.EC_P256);
    String pem = CosignKeyFormat.encrypt(key.toPkcs8(), new char[0], new SecureRandom());
    SigningKey read = PrivateKeys.read(ascii(pem), "k", PasswordSource.fixed(new char[0]));
    assertEquals(key.publicKey(), read.publicKey());
  }

  @Test
  void cosignEncrypted_nonAsciiPassword_roundTrips() throws Exception {
    char[] password = "pässwörd-🔑".toCharArray();
    SigningKey key = TestKeys.generated(KeyType.ED25519);
    String pem = CosignKeyFormat.encrypt(key.toPkcs8(), password, new SecureRandom());
    assertEquals(
        key.publicKey(),
        PrivateKeys.read(ascii(pem), "k", PasswordSource.fixed(password)).publicKey());
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "EC_P521"})
  void sec1_writeThenRead_sameKey(KeyType type) throws Exception {
    SigningKey key = TestKeys.generated(type);
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.toPkcs8());
    ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
    int bits = EcdsaSignatures.byteLength(type) * 8;
    ECPrivateKey sec1 =
        new ECPrivateKey(
            bits, inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
    String pem = Pem.encode("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER));
    assertEquals(key.publicKey(), PrivateKeys.read(ascii(pem), "k", PasswordSource.none()).publicKey());
  }

  @Test
  void sec1_withoutCurve_refused() throws Exception {
    ECPrivateKey sec1 = new ECPrivateKey(256, BigInteger.TEN);
    String pem = Pem.encode("EC PRIVATE KEY", sec1.getEncoded(ASN1Encoding.DER));
    KeyException e =
        assertThrows(KeyException.class, () -> PrivateKeys.read(ascii(pem), "k.pem", PasswordSource.none()));
    assertEquals("read private key k.pem: EC PRIVATE KEY without curve parameters", e.getMessage());
  }

  @Test
  void pkcs1_writeThenRead_sameKey() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.RSA);
    byte[] pkcs1 = PrivateKeyInfo.getInstance(key.toPkcs8()).parsePrivateKey().toASN1Primitive().getEncoded(ASN1Encoding.DER);
    String pem = Pem.encode("RSA PRIVATE KEY", pkcs1);
    assertEquals(key.publicKey(), PrivateKeys.read(ascii(pem), "k", PasswordSource.none()).publicKey());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void keyPairFiles_cosignFormat_readBackThroughFileKeyProvider(KeyType type) throws Exception {
    SigningKey key = TestKeys.generated(type);
    Path prefix = dir.resolve("cosign");
    KeyPairFiles.write(
        key, prefix, KeyPairFiles.Format.COSIGN, PasswordSource.fixed(PASSWORD), false, new SecureRandom());

    FileKeyProvider provider = new FileKeyProvider();
    Signer signer =
        provider.signer(KeyRef.parse(dir.resolve("cosign.key").toString()), PasswordSource.fixed(PASSWORD));
    Verifier verifier = provider.verifier(KeyRef.parse("file://" + dir.resolve("cosign.pub")));
    assertEquals(key.publicKey(), signer.publicKey());
    assertEquals(key.publicKey(), verifier.publicKey());
    assertSignsForTheSameKey(signer, verifier);
    assertEquals(
        PublicKeys.pem(key.publicKey()),
        Files.readString(dir.resolve("cosign.pub"), StandardCharsets.US_ASCII));
  }

  @Test
  void keyPairFiles_pkcs8Format_readBackWithoutPassword() throws Exception {
    SigningKey key = TestKeys.generated(KeyType.EC_P256);
    KeyPairFiles.write(
        key, dir.resolve("plain"), KeyPairFiles.Format.PKCS8, PasswordSource.none(), false, new SecureRandom());
    String pem = Files.readString(dir.resolve("plain.key"), StandardCharsets.US_ASCII);
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
    assertEquals(
        key.publicKey(),
        PrivateKeys.read(ascii(pem), "plain.key", PasswordSource.none()).publicKey());
  }

  @Test
  void keyPairFiles_privateKeyMode0600_publicKeyMode0644() throws Exception {
    KeyPairFiles.write(
        TestKeys.generated(KeyType.EC_P256),
        dir.resolve("cosign"),
        KeyPairFiles.Format.COSIGN,
        PasswordSource.fixed(PASSWORD),
        false,
        new SecureRandom());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cosign.key"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cosign.pub"))));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("cosign.key", "cosign.pub"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void keyPairFiles_existingKey_notOverwritten() throws Exception {
    Path existing = dir.resolve("cosign.key");
    Files.writeString(existing, "precious");
    KeyException e =
        assertThrows(
            KeyException.class,
            () ->
                KeyPairFiles.write(
                    TestKeys.generated(KeyType.EC_P256),
                    dir.resolve("cosign"),
                    KeyPairFiles.Format.COSIGN,
                    PasswordSource.fixed(PASSWORD),
                    false,
                    new SecureRandom()));
    assertEquals("write private key " + existing + ": file exists (refusing to overwrite it)", e.getMessage());
    assertEquals("precious", Files.readString(existing));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void keyPairFiles_overwriteTrue_replacesAtomically() throws Exception {
    Path existing = dir.resolve("cosign.key");
    Files.writeString(existing, "old");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw-rw-"));
    KeyPairFiles.write(
        TestKeys.generated(KeyType.EC_P256), dir.resolve("cosign"), KeyPairFiles.Format.COSIGN,
        PasswordSource.fixed(PASSWORD), true, new SecureRandom());
    assertTrue(Files.readString(existing).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
  }

  @Test
  void fileKeyProvider_wrongPassword_namesFileNotPassword() throws Exception {
    KeyPairFiles.write(
        TestKeys.generated(KeyType.EC_P256), dir.resolve("cosign"), KeyPairFiles.Format.COSIGN,
        PasswordSource.fixed(PASSWORD), false, new SecureRandom());
    Path file = dir.resolve("cosign.key");
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> new FileKeyProvider().signer(KeyRef.parse(file.toString()), PasswordSource.fixed("guess-123".toCharArray())));
    assertEquals("decrypt cosign private key " + file + ": wrong password, or the file was altered", e.getMessage());
    assertFalse(e.getMessage().contains("guess-123"));
  }

  @Test
  void fileKeyProvider_missingFile_namesIt() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> new FileKeyProvider().verifier(KeyRef.parse(dir.resolve("nope.pub").toString())));
    assertEquals("read public key " + dir.resolve("nope.pub") + ": no such file", e.getMessage());
  }

  @Test
  void fileKeyProvider_garbageFile_namesIt() throws Exception {
    Path file = dir.resolve("garbage.pub");
    Files.write(file, new byte[] {0, 1, 2, 3, 4});
    KeyException e =
        assertThrows(KeyException.class, () -> new FileKeyProvider().verifier(KeyRef.parse(file.toString())));
    assertTrue(e.getMessage().startsWith("read " + file + ": no PEM block found"), e.getMessage());
  }

  static void assertSignsForTheSameKey(Signer signer, Verifier verifier) throws Exception {
    Bytes message = Bytes.utf8("round trip");
    verifier.verify(message, signer.sign(message));
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
