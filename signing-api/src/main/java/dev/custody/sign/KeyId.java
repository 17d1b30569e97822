package dev.custody.sign;

import static java.util.Objects.requireNonNull;

/**
 * A short identifier for a public key, used to pick a key among several and to name a signer in
 * reports. For keys Custody reads or generates it is cosign's key hint,
 * {@code base64(SHA-256(SubjectPublicKeyInfo DER))} (FORMATS.md §3.10).
 *
 * <p><b>Security guarantees:</b> none. A key id found in a signature, envelope or bundle is an
 * unauthenticated hint; it may select which trusted key to try, but never decides whether a
 * signature is trusted (the DSSE protocol says the same of {@code keyid}).
 *
 * @param value the identifier, not blank, at most 512 characters
 * @since 0.1
 */
public record KeyId(String value) {
  private static final int MAX_LENGTH = 512;

  /**
   * Validates the identifier.
   *
   * @param value the identifier, not blank, at most 512 characters
   * @throws IllegalArgumentException if {@code value} is blank or longer than 512 characters
   */
  public KeyId {
    requireNonNull(value, "value");
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid key id: expected 1 to " + MAX_LENGTH + " characters, got " + value.length());
    }
  }

  /**
   * {@return the key id {@code value}}
   *
   * @param value the identifier, not blank, at most 512 characters
   */
  public static KeyId of(String value) {
    return new KeyId(value);
  }

  /** {@return the identifier itself} */
  @Override
  public String toString() {
    return value;
  }
}
