package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One deployment file's text. Kubernetes and ACI YAML is UTF-8; the text is decoded strictly so
 * that writing it back encodes exactly the bytes that were read.
 *
 * @param file the file, as named in locations and messages
 * @param text the whole content
 */
record DeploymentSource(Path file, String text) {
  DeploymentSource {
    requireNonNull(file, "file");
    requireNonNull(text, "text");
  }

  /**
   * Reads {@code file}, refusing more than {@code maxBytes}.
   *
   * @param file the file
   * @param maxBytes what is left of the run's byte bound
   * @param totalBound the run's whole byte bound, for the message
   */
  static DeploymentSource read(Path file, long maxBytes, long totalBound)
      throws InvalidInputException {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Reason.IO, "read deployment " + file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(Reason.IO, "read deployment " + file + ": " + e.getMessage());
    }
    if (content.length > maxBytes) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read deployment "
              + file
              + ": the files together are larger than "
              + totalBound
              + " bytes");
    }
    return decode(file, content);
  }

  /** Decodes {@code content} as strict UTF-8. */
  static DeploymentSource decode(Path file, byte[] content) throws InvalidInputException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return new DeploymentSource(file, text);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("read deployment " + file + ": not UTF-8 text");
    }
  }

  /** {@return the text's size in UTF-8 bytes} */
  long size() {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
