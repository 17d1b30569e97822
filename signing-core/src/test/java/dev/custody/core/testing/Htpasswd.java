package dev.custody.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Writes htpasswd lines for the registry's {@code htpasswd} auth, which accepts only bcrypt hashes
 * (distribution {@code registry/auth/htpasswd}). Hashing in-process avoids needing apache2-utils.
 */
final class Htpasswd {
  /** The lowest bcrypt cost Go's bcrypt accepts; this is a throwaway test password. */
  private static final int COST = 4;

  private Htpasswd() {}

  /** {@return one {@code user:$2y$...} line, newline-terminated} */
  static String line(String user, String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    String hash = OpenBSDBCrypt.generate("2y", password.getBytes(StandardCharsets.UTF_8), salt, COST);
    return user + ":" + hash + "\n";
  }
}
