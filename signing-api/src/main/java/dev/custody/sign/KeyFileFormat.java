package dev.custody.sign;

/**
 * How a generated private key file is encoded.
 *
 * @since 0.1
 */
public enum KeyFileFormat {
  /**
   * cosign's encrypted format ({@code ENCRYPTED SIGSTORE PRIVATE KEY}: scrypt and NaCl secretbox
   * over PKCS#8), read by cosign, skopeo and podman; needs a password (which may be empty, as in
   * cosign). The default.
   */
  COSIGN,
  /**
   * Unencrypted PKCS#8 ({@code PRIVATE KEY}), for keys protected by other means (a secret store,
   * an HSM import); no password is asked.
   */
  PKCS8
}
