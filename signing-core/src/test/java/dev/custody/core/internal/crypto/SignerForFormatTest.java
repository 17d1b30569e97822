package dev.custody.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.formats.notary.JwsAlgorithm;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.KeyType;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a key for a signature format through the facade and {@link FileKeyProvider}: Notary
 * signatures get the algorithm FORMATS.md §5.5 fixes for the certificate's key (RSA → PSS), cosign
 * signatures the key type's default, and a signer of the chosen algorithm verifies.
 */
class SignerForFormatTest {
  private static final Bytes MESSAGE = Bytes.utf8("notary signing input");

  @TempDir Path dir;
  private final Custody custody = Custody.builder().build();

  /** Writes {@code name.key} (PKCS#8), {@code .pub} and a test certificate {@code .crt}. */
  private Path keyPair(String name, KeyType type) throws Exception {
    Path prefix = dir.resolve(name);
    custody.generateKeyPair(
        prefix,
        KeyPairOptions.builder().keyType(type).fileFormat(KeyFileFormat.PKCS8).testCertificate(name).build(),
        PasswordSource.none());
    return prefix;
  }

  private static KeyRef key(Path prefix) {
    return KeyRef.parse(prefix + ".key");
  }

  private static SignOptions notation(Path certificateOf) throws Exception {
    List<Bytes> chain =
        List.of(Bytes.of(java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(Files.newInputStream(Path.of(certificateOf + ".crt"))).getEncoded()));
    return SignOptions.builder().format(SignatureFormat.NOTATION).certificateChain(chain).build();
  }

  @Test
  void signerForOptions_notationRsa3072_pssSha384ThatVerifies() throws Exception {
    Path rsa = keyPair("rsa", KeyType.RSA);

    Signer signer = custody.signer(key(rsa), PasswordSource.none(), notation(rsa));

    assertEquals(SignatureAlgorithm.RSA_PSS_SHA384, signer.algorithm());
    BcVerifiers.of(signer.publicKey()).verify(MESSAGE, signer.sign(MESSAGE));
  }

  @Test
  void signerForOptions_notationEcP384_ecdsaSha384() throws Exception {
    Path ec = keyPair("ec", KeyType.EC_P384);

    Signer signer = custody.signer(key(ec), PasswordSource.none(), notation(ec));

    assertEquals(SignatureAlgorithm.ECDSA_P384_SHA384, signer.algorithm());
  }

  @Test
  void signerForOptions_cosignRsa_theKeyTypesDefault() throws Exception {
    Path rsa = keyPair("rsa", KeyType.RSA);

    Signer signer = custody.signer(key(rsa), PasswordSource.none(), SignOptions.defaults());

    assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA256, signer.algorithm());
  }

  @Test
  void signerForOptions_notationWithoutChain_theKeyTypesDefaultForSignToRefuse() throws Exception {
    Path rsa = keyPair("rsa", KeyType.RSA);
    SignOptions options = SignOptions.builder().format(SignatureFormat.NOTATION).build();

    Signer signer = custody.signer(key(rsa), PasswordSource.none(), options);

    assertEquals(SignatureAlgorithm.RSA_PKCS1_SHA256, signer.algorithm());
  }

  @Test
  void signerForOptions_ecKeyWithRsaCertificate_unsupportedNamingTheCertificate() throws Exception {
    Path ec = keyPair("ec", KeyType.EC_P256);
    Path rsa = keyPair("rsa", KeyType.RSA);

    KeyException e =
        assertThrows(KeyException.class, () -> custody.signer(key(ec), PasswordSource.none(), notation(rsa)));

    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().contains("for RSA_PSS_SHA384: the key does not fit the algorithm (expected RSA, got EC P-256)"), e.getMessage());
    assertTrue(e.getMessage().contains("check that the certificate belongs to this key"), e.getMessage());
  }

  @Test
  void fileKeyProvider_algorithmOfAnotherKeyType_unsupported() throws Exception {
    Path rsa = keyPair("rsa", KeyType.RSA);

    KeyException e =
        assertThrows(
            KeyException.class,
            () -> new FileKeyProvider().signer(key(rsa), PasswordSource.none(), SignatureAlgorithm.ED25519));

    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(e.getMessage().startsWith("open private key " + rsa + ".key for ED25519: "), e.getMessage());
  }

  /** The API's choice and the JWS layer's (which verification uses) never disagree. */
  @Test
  void notaryAlgorithm_agreesWithTheJwsLayerForEveryNotaryKey() throws Exception {
    for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      assertAgree(generator.generateKeyPair().getPublic());
    }
    for (int bits : new int[] {2048, 3072, 4096}) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      assertAgree(generator.generateKeyPair().getPublic());
    }
  }

  private static void assertAgree(PublicKey key) throws Exception {
    SignatureAlgorithm api =
        SignatureAlgorithm.notaryAlgorithm(PublicKeyInfo.of(Bytes.of(key.getEncoded()))).orElseThrow();
    assertEquals(JwsAlgorithm.forKey(key).jwsName(), api.jwsName().orElseThrow(), key.toString());
  }
}
