package dev.custody.core.internal.crypto;

import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/** Builds the signer for a key and an algorithm that fits it. */
final class BcSigners {
  private BcSigners() {}

  static Signer of(SigningKey key, SignatureAlgorithm algorithm) {
    PublicKeyInfo info;
    try {
      info = key.publicKey().withAlgorithm(algorithm);
    } catch (dev.custody.sign.KeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    switch (algorithm.keyType()) {
      case EC_P256:
      case EC_P384:
      case EC_P521:
        return new BcEcdsaSigner(info, (ECPrivateKeyParameters) key.privateParameters());
      case RSA:
        return new BcRsaSigner(
            info, (RSAKeyParameters) key.privateParameters(), new SecureRandom());
      case ED25519:
        return new BcEd25519Signer(
            info, (Ed25519PrivateKeyParameters) key.privateParameters(),
            (org.bouncycastle.crypto.params.Ed25519PublicKeyParameters) key.publicParameters());
      default:
        throw new AssertionError(algorithm);
    }
  }
}
