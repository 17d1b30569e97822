package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What key pair generation wrote: the private key file (mode 0600 where the file system has
 * POSIX permissions), the public key file ({@code PUBLIC KEY} PEM), the public key itself and, if
 * one was asked for, the test certificate file ({@code CERTIFICATE} PEM).
 *
 * @param privateKeyFile {@code <prefix>.key}
 * @param publicKeyFile {@code <prefix>.pub}
 * @param publicKey the generated key's public half
 * @param certificateFile {@code <prefix>.crt}, for a test certificate
 * @since 0.1
 */
public record GeneratedKeyPair(
    Path privateKeyFile, Path publicKeyFile, PublicKeyInfo publicKey, Optional<Path> certificateFile) {
  /**
   * Validates the components.
   *
   * @param privateKeyFile {@code <prefix>.key}
   * @param publicKeyFile {@code <prefix>.pub}
   * @param publicKey the generated key's public half
   * @param certificateFile {@code <prefix>.crt}, for a test certificate
   */
  public GeneratedKeyPair {
    requireNonNull(privateKeyFile, "privateKeyFile");
    requireNonNull(publicKeyFile, "publicKeyFile");
    requireNonNull(publicKey, "publicKey");
    requireNonNull(certificateFile, "certificateFile");
  }
}
