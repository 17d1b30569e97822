package dev.custody.sign;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where the password of an encrypted private key comes from. Passwords travel as {@code char[]}
 * that the receiver overwrites with zeros once used; they never come from a command-line argument
 * (visible to every user of the machine) and never appear in messages, logs or {@code toString}.
 *
 * <p>The usual chain, which the CLI uses, is {@link #standard}: the environment variable
 * {@code CUSTODY_PASSWORD}, else {@code COSIGN_PASSWORD} (so cosign users' setups keep working),
 * else an interactive prompt, else a file or standard input.
 *
 * <pre>{@code
 * PasswordSource passwords =
 *     PasswordSource.standard(System.getenv(), prompt, PasswordSource.file(passwordFile));
 * }</pre>
 *
 * <p>A present but empty environment variable is an empty password (cosign allows one).
 * Implementations must return a fresh array on every call.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PasswordSource {
  /** The first environment variable consulted. */
  String CUSTODY_PASSWORD = "CUSTODY_PASSWORD";
  /** The second environment variable consulted, cosign's own. */
  String COSIGN_PASSWORD = "COSIGN_PASSWORD";
  /** The most bytes read from a password file or stream. */
  int MAX_PASSWORD_BYTES = 4096;

  /**
   * Asks for a password.
   *
   * @param purpose what the password is for, e.g. "decrypt private key cosign.key", which a
   *     prompting source shows to the user
   * @return a fresh array the caller zeroes after use, or empty if this source has no password
   * @throws KeyException if the source exists but cannot be read
   */
  Optional<char[]> password(String purpose) throws KeyException;

  /**
   * Returns a source that asks this one first, then {@code next} if this one has no password.
   *
   * @param next the source to ask second
   * @return the combined source
   */
  default PasswordSource orElse(PasswordSource next) {
    requireNonNull(next, "next");
    PasswordSource first = this;
    return purpose -> {
      Optional<char[]> password = first.password(purpose);
      return password.isPresent() ? password : next.password(purpose);
    };
  }

  /** {@return a source that never has a password} */
  static PasswordSource none() {
    return purpose -> Optional.empty();
  }

  /**
   * Returns a source holding a fixed password, for embedders that obtained it elsewhere. The
   * array is copied; callers should zero theirs.
   *
   * @param password the password
   * @return a source handing out copies of {@code password}
   */
  static PasswordSource fixed(char[] password) {
    char[] copy = requireNonNull(password, "password").clone();
    return new PasswordSource() {
      @Override
      public Optional<char[]> password(String purpose) {
        return Optional.of(copy.clone());
      }

      @Override
      public String toString() {
        return "PasswordSource[fixed, redacted]";
      }
    };
  }

  /**
   * Returns a source reading {@code CUSTODY_PASSWORD}, else {@code COSIGN_PASSWORD}, from
   * {@code environment} (pass {@link System#getenv()}, or a map in tests).
   *
   * @param environment the environment variables
   * @return the source
   */
  static PasswordSource environment(Map<String, String> environment) {
    Map<String, String> env = Map.copyOf(requireNonNull(environment, "environment"));
    return purpose -> {
      String value = env.containsKey(CUSTODY_PASSWORD) ? env.get(CUSTODY_PASSWORD) : env.get(COSIGN_PASSWORD);
      return value == null ? Optional.empty() : Optional.of(value.toCharArray());
    };
  }

  /**
   * Returns a source reading the first line of a file (without its line break), as
   * {@code --password-file} does. At most {@link #MAX_PASSWORD_BYTES} bytes are read.
   *
   * @param file the password file
   * @return the source; it fails with a {@link KeyException} naming the file if it is unreadable
   */
  static PasswordSource file(Path file) {
    requireNonNull(file, "file");
    return purpose -> {
      try (InputStream in = Files.newInputStream(file)) {
        return Optional.of(PasswordSources.firstLine(in, "password file " + file));
      } catch (IOException e) {
        throw new KeyException(
            Reason.IO, "read password file " + file + ": " + e.getClass().getSimpleName(), e);
      }
    };
  }

  /**
   * Returns a source reading the first line of a stream (standard input, typically) once; later
   * calls find it exhausted and return an empty password. The stream is not closed.
   *
   * @param stream the stream
   * @return the source
   */
  static PasswordSource stream(InputStream stream) {
    requireNonNull(stream, "stream");
    return purpose -> Optional.of(PasswordSources.firstLine(stream, "password from standard input"));
  }

  /**
   * Returns the standard chain: {@code CUSTODY_PASSWORD}, else {@code COSIGN_PASSWORD}, else
   * {@code prompt}, else {@code fallback}.
   *
   * @param environment the environment variables
   * @param prompt an interactive prompt, or {@link #none()} when there is no terminal
   * @param fallback a file or stream source, or {@link #none()}
   * @return the chain
   */
  static PasswordSource standard(
      Map<String, String> environment, PasswordSource prompt, PasswordSource fallback) {
    return environment(environment).orElse(prompt).orElse(fallback);
  }
}

/** Bounded, zeroing reads for {@link PasswordSource}. */
final class PasswordSources {
  private PasswordSources() {}

  static char[] firstLine(InputStream in, String what) throws KeyException {
    byte[] buffer = new byte[PasswordSource.MAX_PASSWORD_BYTES + 1];
    int length = 0;
    try {
      int b;
      while (length < buffer.length && (b = in.read()) != -1 && b != '\n') {
        buffer[length++] = (byte) b;
      }
      if (length > PasswordSource.MAX_PASSWORD_BYTES) {
        throw new KeyException(
            Reason.LIMIT_EXCEEDED,
            "read " + what + ": longer than " + PasswordSource.MAX_PASSWORD_BYTES + " bytes",
            null);
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buffer, 0, length));
      char[] result = new char[chars.remaining()];
      chars.get(result);
      Arrays.fill(chars.array(), '\0');
      return result;
    } catch (CharacterCodingException e) {
      throw new KeyException("read " + what + ": not UTF-8 text");
    } catch (IOException e) {
      throw new KeyException(Reason.IO, "read " + what + ": " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
