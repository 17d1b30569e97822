package dev.custody.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * The default {@link KeyProvider#signer(KeyRef, PasswordSource, SignatureAlgorithm)}: a provider
 * that knows one algorithm per key serves that algorithm and refuses others, closing the signer.
 */
class KeyProviderDefaultAlgorithmTest {

  /** A signer that only records whether it was closed. */
  static final class ClosableSigner implements Signer, AutoCloseable {
    final PublicKeyInfo key;
    boolean closed;

    ClosableSigner(PublicKeyInfo key) {
      this.key = key;
    }

    @Override
    public PublicKeyInfo publicKey() {
      return key;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Opens every reference as the same P-256 signer. */
  static final class OneKeyProvider implements KeyProvider {
    final ClosableSigner signer;

    OneKeyProvider(ClosableSigner signer) {
      this.signer = signer;
    }

    @Override
    public boolean supports(KeyRef ref) {
      return true;
    }

    @Override
    public Signer signer(KeyRef ref, PasswordSource passwords) {
      return signer;
    }

    @Override
    public Verifier verifier(KeyRef ref) {
      throw new UnsupportedOperationException();
    }
  }

  private static ClosableSigner p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return new ClosableSigner(PublicKeyInfo.of(Bytes.of(generator.generateKeyPair().getPublic().getEncoded())));
  }

  @Test
  void signerForAlgorithm_theKeysOwnAlgorithm_returnsTheSigner() throws Exception {
    ClosableSigner signer = p256();
    OneKeyProvider provider = new OneKeyProvider(signer);

    Signer opened =
        provider.signer(KeyRef.parse("k.key"), PasswordSource.none(), SignatureAlgorithm.ECDSA_P256_SHA256);

    assertSame(signer, opened);
    assertTrue(!signer.closed);
  }

  @Test
  void signerForAlgorithm_anotherAlgorithm_unsupportedAndTheSignerClosed() throws Exception {
    ClosableSigner signer = p256();
    OneKeyProvider provider = new OneKeyProvider(signer);

    KeyException e =
        assertThrows(
            KeyException.class,
            () -> provider.signer(KeyRef.parse("k.key"), PasswordSource.none(), SignatureAlgorithm.RSA_PSS_SHA384));

    assertEquals(Reason.UNSUPPORTED, e.reason());
    assertTrue(
        e.getMessage().contains("for RSA_PSS_SHA384: this key provider signs with ECDSA_P256_SHA256 only"),
        e.getMessage());
    assertTrue(signer.closed);
  }
}
