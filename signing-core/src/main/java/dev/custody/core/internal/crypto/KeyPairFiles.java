package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.sign.KeyException;
import dev.custody.sign.PasswordSource;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Writes a key pair as {@code <prefix>.key} (mode 0600) and {@code <prefix>.pub} (SPKI PEM), as
 * {@code cosign generate-key-pair} does.
 */
public final class KeyPairFiles {
  /** How the private key file is encoded. */
  public enum Format {
    /** cosign's encrypted format (scrypt + secretbox), read by cosign and skopeo; the default. */
    COSIGN,
    /** Unencrypted PKCS#8 {@code PRIVATE KEY}; for keys that are protected by other means. */
    PKCS8
  }

  private KeyPairFiles() {}

  /**
   * Writes the pair.
   *
   * @param key the key
   * @param prefix the path prefix, e.g. {@code cosign} for {@code cosign.key} and {@code cosign.pub}
   * @param format the private key encoding
   * @param passwords asked once for {@link Format#COSIGN} (an empty password is allowed, as in
   *     cosign); the password is zeroed after use
   * @param overwrite whether existing files may be replaced
   * @param random salt and nonce source
   * @throws KeyException if a file exists (unless {@code overwrite}), cannot be written, or no
   *     password is available
   */
  public static void write(
      SigningKey key,
      Path prefix,
      Format format,
      PasswordSource passwords,
      boolean overwrite,
      SecureRandom random)
      throws KeyException {
    requireNonNull(key, "key");
    requireNonNull(format, "format");
    Path privateFile = prefix.resolveSibling(prefix.getFileName() + ".key");
    Path publicFile = prefix.resolveSibling(prefix.getFileName() + ".pub");
    byte[] pkcs8 = key.toPkcs8();
    char[] password = null;
    try {
      String pem;
      if (format == Format.COSIGN) {
        password = Passwords.require(passwords, "encrypt private key " + privateFile);
        pem = CosignKeyFormat.encrypt(pkcs8, password, random);
      } else {
        pem = Pem.encode("PRIVATE KEY", pkcs8);
      }
      KeyFiles.writePrivate(privateFile, pem, overwrite);
    } finally {
      Passwords.zero(pkcs8);
      Passwords.zero(password);
    }
    KeyFiles.writePublic(publicFile, PublicKeys.pem(key.publicKey()), overwrite);
  }
}
