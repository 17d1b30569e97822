package dev.custody.core.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.FileKeyProvider;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPairGenerationTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path dir;

  private final KeyPairGeneration generation = new KeyPairGeneration(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void generate_defaults_writesEncryptedKey0600AndPublicKeyThatOpenWithThePassword() throws Exception {
    GeneratedKeyPair pair =
        generation.generate(dir.resolve("cosign"), KeyPairOptions.defaults(), PasswordSource.fixed(PASSWORD));

    assertEquals(dir.resolve("cosign.key"), pair.privateKeyFile());
    assertEquals(dir.resolve("cosign.pub"), pair.publicKeyFile());
    assertEquals(Optional.empty(), pair.certificateFile());
    assertEquals(KeyType.EC_P256, pair.publicKey().keyType());
    assertTrue(Files.readString(pair.privateKeyFile()).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.privateKeyFile())));
    FileKeyProvider keys = new FileKeyProvider();
    assertEquals(
        pair.publicKey(),
        keys.signer(KeyRef.parse(pair.privateKeyFile().toString()), PasswordSource.fixed(PASSWORD)).publicKey());
    assertEquals(pair.publicKey(), keys.verifier(KeyRef.parse(pair.publicKeyFile().toString())).publicKey());
  }

  @Test
  void generate_existingPublicKey_refusesBeforeAskingForAPasswordAndWritesNothing() throws Exception {
    Files.writeString(dir.resolve("release.pub"), "keep me");
    List<String> asked = new ArrayList<>();
    PasswordSource recording =
        purpose -> {
          asked.add(purpose);
          return Optional.of(PASSWORD.clone());
        };

    KeyException e =
        assertThrows(
            KeyException.class,
            () -> generation.generate(dir.resolve("release"), KeyPairOptions.defaults(), recording));

    assertEquals(Reason.INVALID_INPUT, e.reason());
    assertTrue(e.getMessage().contains("release.pub already exists"), e.getMessage());
    assertEquals(List.of(), asked);
    assertFalse(Files.exists(dir.resolve("release.key")));
    assertEquals("keep me", Files.readString(dir.resolve("release.pub")));
  }

  @Test
  void generate_overwrite_replacesExistingFiles() throws Exception {
    Files.writeString(dir.resolve("k.pub"), "old");

    GeneratedKeyPair pair =
        generation.generate(
            dir.resolve("k"), KeyPairOptions.builder().overwrite(true).build(), PasswordSource.fixed(PASSWORD));

    assertTrue(Files.readString(pair.publicKeyFile()).startsWith("-----BEGIN PUBLIC KEY-----"));
  }

  @Test
  void generate_pkcs8Ed25519_asksNoPassword() throws Exception {
    GeneratedKeyPair pair =
        generation.generate(
            dir.resolve("ed"),
            KeyPairOptions.builder().keyType(KeyType.ED25519).fileFormat(KeyFileFormat.PKCS8).build(),
            PasswordSource.none());

    assertTrue(Files.readString(pair.privateKeyFile()).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals(KeyType.ED25519, pair.publicKey().keyType());
  }

  @Test
  void generate_noPassword_keyExceptionNamingTheEnvironmentVariables() {
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> generation.generate(dir.resolve("p"), KeyPairOptions.defaults(), PasswordSource.none()));

    assertTrue(e.getMessage().contains("CUSTODY_PASSWORD"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("p.key")));
  }

  @Test
  void generate_testCertificate_selfSignedCodeSigningNotForProduction() throws Exception {
    GeneratedKeyPair pair =
        generation.generate(
            dir.resolve("notary"),
            KeyPairOptions.builder().keyType(KeyType.EC_P256).testCertificate("example.com").build(),
            PasswordSource.fixed(PASSWORD));

    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(pair.certificateFile().orElseThrow())) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String subject = certificate.getSubjectX500Principal().getName();
    assertTrue(subject.contains("CN=example.com"), subject);
    assertTrue(subject.contains("NOT FOR PRODUCTION"), subject);
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    assertEquals(NOW, certificate.getNotBefore().toInstant());
    assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.3"));
    assertEquals(
        pair.publicKey().spki(), dev.custody.Bytes.of(certificate.getPublicKey().getEncoded()));
  }

  @Test
  void options_testCertificateWithEd25519_illegalState() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> KeyPairOptions.builder().keyType(KeyType.ED25519).testCertificate("x").build());

    assertTrue(e.getMessage().contains("needs an RSA, EC P-256 or EC P-384 key"), e.getMessage());
  }
}
