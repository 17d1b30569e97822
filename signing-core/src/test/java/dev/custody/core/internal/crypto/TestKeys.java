package dev.custody.core.internal.crypto;

import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

/** Shared test material: one generated key per type (RSA generation is slow) and fixtures. */
final class TestKeys {
  static final String APPENDIX_A_PKCS8 =
      "-----BEGIN PRIVATE KEY-----\n"
          + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgm+kqvwLeZe2xlvfz\n"
          + "WGRo1PbCWSge709mzSzH/N3Jq12hRANCAASyz95qrgtSqMYLOrY1Tn8+Y8afFxOj\n"
          + "O/vBkKKp2W8rVqb+Z8xWwHRNVtUupKZ58gzWoLfdOsAJuqjcxueOQpQq\n"
          + "-----END PRIVATE KEY-----\n";
  static final String APPENDIX_A_PUB =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEss/eaq4LUqjGCzq2NU5/PmPGnxcT\n"
          + "ozv7wZCiqdlvK1am/mfMVsB0TVbVLqSmefIM1qC33TrACbqo3MbnjkKUKg==\n"
          + "-----END PUBLIC KEY-----\n";

  private static final Map<KeyType, SigningKey> KEYS = new EnumMap<>(KeyType.class);

  private TestKeys() {}

  static synchronized SigningKey generated(KeyType type) {
    return KEYS.computeIfAbsent(
        type,
        t -> {
          try {
            return KeyGenerators.generate(t, new SecureRandom());
          } catch (KeyException e) {
            throw new AssertionError(e);
          }
        });
  }

  static SigningKey appendixA() throws KeyException {
    return PrivateKeys.read(
        APPENDIX_A_PKCS8.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "appendix-a.pem",
        dev.custody.sign.PasswordSource.none());
  }

  static byte[] fixture(String name) {
    try (InputStream in = TestKeys.class.getResourceAsStream("/crypto/" + name)) {
      if (in == null) {
        throw new AssertionError("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
