package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code attest --predicate FILE}: at most {@value #MAX_BYTES} bytes (a larger predicate
 * would make an envelope that verifiers refuse), read to that bound and no further, so a huge or
 * endless file (a FIFO, {@code /dev/zero}) fails fast. Whether it is JSON is the library's check.
 */
final class PredicateFile {
  /** 4 MiB: the DSSE envelope (base64, about 4/3 larger) stays under verifiers' 16 MiB bound. */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private PredicateFile() {}

  static Bytes read(Path file) throws InvalidInputException {
    String what = "read predicate " + file;
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(what + ": is a directory (expected a JSON file)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_BYTES + 1);
      if (content.length > MAX_BYTES) {
        throw new InvalidInputException(
            what + ": too large (expected at most " + MAX_BYTES + " bytes)");
      }
      return Bytes.of(content);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(what + ": no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": " + e.getMessage(), e);
    }
  }
}
