package dev.custody.core.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import dev.custody.sign.KeyException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * cosign's encrypted private key (FORMATS.md §4.1): a PEM block whose body is JSON naming scrypt
 * and NaCl secretbox, with the PKCS#8 DER of the key as plaintext. Read as cosign and
 * containers/image read it (both PEM labels, only the three scrypt parameter sets they allow);
 * written as current cosign writes it.
 */
public final class CosignKeyFormat {
  /** The label current cosign writes, and Custody too. */
  public static final String PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
  /** The label older cosign and containers/image write; read only. */
  public static final String LEGACY_PEM_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";

  static final int SALT_LENGTH = 32;
  private static final int MAX_SALT_LENGTH = 1024;

  /** scrypt (N, r, p) sets cosign accepts; anything else is refused before deriving (DoS guard). */
  static final class Params {
    final int n;
    final int r;
    final int p;

    Params(int n, int r, int p) {
      this.n = n;
      this.r = r;
      this.p = p;
    }

    boolean sameAs(Params other) {
      return n == other.n && r == other.r && p == other.p;
    }

    @Override
    public String toString() {
      return "N=" + n + ", r=" + r + ", p=" + p;
    }
  }

  static final Params LEGACY = new Params(32768, 8, 1);
  static final Params STANDARD = new Params(65536, 8, 1);
  static final Params OWASP = new Params(131072, 8, 1);
  private static final List<Params> ALLOWED = List.of(LEGACY, STANDARD, OWASP);

  private CosignKeyFormat() {}

  /** {@return whether {@code pemType} is one of cosign's encrypted key labels} */
  static boolean isCosignType(String pemType) {
    return PEM_TYPE.equals(pemType) || LEGACY_PEM_TYPE.equals(pemType);
  }

  /**
   * Encrypts a PKCS#8 key with fresh random salt and nonce and the standard parameters.
   *
   * @param pkcs8 the PKCS#8 DER (not zeroed here)
   * @param password the password (not zeroed here; may be empty, as cosign allows)
   * @param random the randomness source
   * @return the PEM text
   */
  public static String encrypt(byte[] pkcs8, char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    byte[] nonce = new byte[SecretBox.NONCE_LENGTH];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    return encrypt(pkcs8, password, salt, nonce, STANDARD);
  }

  /** The deterministic core of {@link #encrypt(byte[], char[], SecureRandom)}, for test vectors. */
  static String encrypt(byte[] pkcs8, char[] password, byte[] salt, byte[] nonce, Params params) {
    byte[] key = deriveKey(password, salt, params);
    byte[] box;
    try {
      box = SecretBox.seal(pkcs8, nonce, key);
    } finally {
      Passwords.zero(key);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    // Field order as Go's encoding/json writes the struct (FORMATS.md §4.1).
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode kdf = root.putObject("kdf");
    kdf.put("name", "scrypt");
    ObjectNode kdfParams = kdf.putObject("params");
    kdfParams.put("N", params.n);
    kdfParams.put("r", params.r);
    kdfParams.put("p", params.p);
    kdf.put("salt", base64.encodeToString(salt));
    ObjectNode cipher = root.putObject("cipher");
    cipher.put("name", "nacl/secretbox");
    cipher.put("nonce", base64.encodeToString(nonce));
    root.put("ciphertext", base64.encodeToString(box));
    return Pem.encode(PEM_TYPE, Json.write(root).toByteArray());
  }

  /**
   * Decrypts the JSON body of a cosign key block.
   *
   * @param json the PEM block body
   * @param password the password (not zeroed here)
   * @param source the file, for messages
   * @return the PKCS#8 DER; the caller zeroes it
   * @throws KeyException if the document is malformed, uses other algorithms or parameters, or
   *     the password is wrong; the message never contains the password
   */
  static byte[] decrypt(byte[] json, char[] password, String source) throws KeyException {
    String what = "cosign private key " + source;
    JsonNode root;
    try {
      root = Json.read(Bytes.of(json), what);
    } catch (InvalidInputException e) {
      throw new KeyException(Reason.INVALID_INPUT, e.getMessage(), e);
    }
    requireText(root.path("kdf").path("name"), "scrypt", "kdf.name", what);
    requireText(root.path("cipher").path("name"), "nacl/secretbox", "cipher.name", what);
    JsonNode params = root.path("kdf").path("params");
    Params given =
        new Params(intField(params, "N", what), intField(params, "r", what), intField(params, "p", what));
    if (ALLOWED.stream().noneMatch(given::sameAs)) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "decrypt " + what + ": scrypt parameters not allowed (expected one of " + ALLOWED
              + ", got " + given + ")",
          null);
    }
    byte[] salt = base64Field(root.path("kdf").path("salt"), "kdf.salt", what);
    byte[] nonce = base64Field(root.path("cipher").path("nonce"), "cipher.nonce", what);
    byte[] box = base64Field(root.path("ciphertext"), "ciphertext", what);
    if (salt.length > MAX_SALT_LENGTH) {
      throw new KeyException("decrypt " + what + ": kdf.salt longer than " + MAX_SALT_LENGTH + " bytes");
    }
    if (nonce.length != SecretBox.NONCE_LENGTH) {
      throw new KeyException(
          "decrypt " + what + ": cipher.nonce must be " + SecretBox.NONCE_LENGTH + " bytes, got "
              + nonce.length);
    }
    byte[] key = deriveKey(password, salt, given);
    try {
      return SecretBox.open(box, nonce, key)
          .orElseThrow(
              () ->
                  new KeyException(
                      Reason.KEY,
                      "decrypt " + what + ": wrong password, or the file was altered",
                      null));
    } finally {
      Passwords.zero(key);
    }
  }

  static byte[] deriveKey(char[] password, byte[] salt, Params params) {
    byte[] passwordBytes = Passwords.utf8(password);
    try {
      return SCrypt.generate(passwordBytes, salt, params.n, params.r, params.p, SecretBox.KEY_LENGTH);
    } finally {
      Passwords.zero(passwordBytes);
    }
  }

  private static void requireText(JsonNode node, String expected, String field, String what)
      throws KeyException {
    if (!node.isTextual() || !node.asText().equals(expected)) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "decrypt " + what + ": unsupported " + field + " (expected \"" + expected + "\", got "
              + Pem.shorten(node.isMissingNode() ? "nothing" : node.toString()) + ")",
          null);
    }
  }

  private static int intField(JsonNode params, String name, String what) throws KeyException {
    JsonNode node = params.path(name);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new KeyException("decrypt " + what + ": kdf.params." + name + " is not an integer");
    }
    return node.intValue();
  }

  private static byte[] base64Field(JsonNode node, String field, String what) throws KeyException {
    if (!node.isTextual()) {
      throw new KeyException("decrypt " + what + ": " + field + " is missing or not a string");
    }
    try {
      return Base64.getDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw new KeyException("decrypt " + what + ": " + field + " is not standard base64");
    }
  }
}
