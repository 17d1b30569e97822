package dev.custody.core.internal.crypto;

import dev.custody.sign.KeyException;
import dev.custody.sign.PasswordSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Password handling that leaves no copies behind: every array made here is zeroed by its user. */
final class Passwords {
  private Passwords() {}

  /**
   * Asks {@code passwords} for a password.
   *
   * @param passwords the source
   * @param action what the password is for, e.g. "decrypt private key cosign.key"
   * @return the password; the caller zeroes it
   * @throws KeyException if the source has none
   */
  static char[] require(PasswordSource passwords, String action) throws KeyException {
    return passwords
        .password(action)
        .orElseThrow(
            () ->
                new KeyException(
                    dev.custody.CustodyException.Reason.KEY,
                    action
                        + ": a password is needed (set CUSTODY_PASSWORD or COSIGN_PASSWORD, or run"
                        + " interactively)",
                    null));
  }

  /**
   * Encodes a password as UTF-8 (what cosign's scrypt derivation takes).
   *
   * @param password the password, left untouched
   * @return the bytes; the caller zeroes them
   */
  static byte[] utf8(char[] password) {
    ByteBuffer buffer;
    try {
      buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password is not valid Unicode (unpaired surrogate)");
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }

  static void zero(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  static void zero(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
