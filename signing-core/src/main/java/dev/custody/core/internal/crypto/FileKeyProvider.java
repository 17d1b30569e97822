package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyProvider;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.Verifier;
import java.nio.file.Path;

/**
 * Keys in local PEM files: private keys in every format {@link PrivateKeys} reads, public keys and
 * certificates as {@link PublicKeys} reads them. Each key is used with its type's default
 * algorithm (cosign's choices: ECDSA with the curve's hash, RSA PKCS#1 v1.5 SHA-256, Ed25519),
 * unless the caller asks for another algorithm of the key's type (RSASSA-PSS for Notary).
 */
public final class FileKeyProvider implements KeyProvider {

  /** Creates the provider; it holds no state. */
  public FileKeyProvider() {}

  @Override
  public boolean supports(KeyRef ref) {
    return ref.scheme().equals("file");
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords) throws KeyException {
    Path file = Path.of(ref.location());
    byte[] content = KeyFiles.read(file, "private key");
    try {
      return PrivateKeys.read(content, file.toString(), passwords).signer();
    } finally {
      Passwords.zero(content);
    }
  }

  @Override
  public Signer signer(KeyRef ref, PasswordSource passwords, SignatureAlgorithm algorithm)
      throws KeyException {
    requireNonNull(algorithm, "algorithm");
    Path file = Path.of(ref.location());
    byte[] content = KeyFiles.read(file, "private key");
    SigningKey key;
    try {
      key = PrivateKeys.read(content, file.toString(), passwords);
    } finally {
      Passwords.zero(content);
    }
    if (key.keyType() != algorithm.keyType()) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "open private key "
              + file
              + " for "
              + algorithm
              + ": the key does not fit the algorithm (expected "
              + algorithm.keyType().displayName()
              + ", got "
              + key.keyType().displayName()
              + ")",
          null);
    }
    return key.signer(algorithm);
  }

  @Override
  public Verifier verifier(KeyRef ref) throws KeyException {
    Path file = Path.of(ref.location());
    return BcVerifiers.of(PublicKeys.read(KeyFiles.read(file, "public key"), file.toString()));
  }

  @Override
  public String toString() {
    return "FileKeyProvider";
  }
}
