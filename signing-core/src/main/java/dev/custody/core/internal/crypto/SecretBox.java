package dev.custody.core.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), as Go's {@code x/crypto/nacl/secretbox}
 * implements it: the first 32 bytes of the XSalsa20 keystream key Poly1305, encryption continues
 * at keystream offset 32, and the output is the 16-byte tag followed by the ciphertext
 * (FORMATS.md §4.1).
 */
final class SecretBox {
  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 24;
  static final int TAG_LENGTH = 16;

  private SecretBox() {}

  static byte[] seal(byte[] plaintext, byte[] nonce, byte[] key) {
    XSalsa20Engine cipher = start(nonce, key);
    byte[] polyKey = keystream(cipher);
    byte[] out = new byte[TAG_LENGTH + plaintext.length];
    cipher.processBytes(plaintext, 0, plaintext.length, out, TAG_LENGTH);
    byte[] tag = mac(polyKey, out, TAG_LENGTH, plaintext.length);
    System.arraycopy(tag, 0, out, 0, TAG_LENGTH);
    Passwords.zero(polyKey);
    return out;
  }

  /** {@return the plaintext, or empty if the tag does not verify (wrong key, altered data)} */
  static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < TAG_LENGTH) {
      return Optional.empty();
    }
    XSalsa20Engine cipher = start(nonce, key);
    byte[] polyKey = keystream(cipher);
    byte[] expected = mac(polyKey, box, TAG_LENGTH, box.length - TAG_LENGTH);
    Passwords.zero(polyKey);
    if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_LENGTH))) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[box.length - TAG_LENGTH];
    cipher.processBytes(box, TAG_LENGTH, plaintext.length, plaintext, 0);
    return Optional.of(plaintext);
  }

  private static XSalsa20Engine start(byte[] nonce, byte[] key) {
    if (nonce.length != NONCE_LENGTH || key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("secretbox needs a 24-byte nonce and a 32-byte key");
    }
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return cipher;
  }

  private static byte[] keystream(XSalsa20Engine cipher) {
    byte[] polyKey = new byte[32];
    cipher.processBytes(new byte[32], 0, 32, polyKey, 0);
    return polyKey;
  }

  private static byte[] mac(byte[] polyKey, byte[] data, int offset, int length) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(data, offset, length);
    byte[] tag = new byte[TAG_LENGTH];
    poly.doFinal(tag, 0);
    return tag;
  }
}
