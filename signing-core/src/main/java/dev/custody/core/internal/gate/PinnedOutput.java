package dev.custody.core.internal.gate;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.gate.PinnedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Joins pinned files into one YAML stream and writes it atomically (a temporary file in the same
 * directory, then a rename), so a deploy step never reads a half-written file.
 */
final class PinnedOutput {
  private static final char BOM = '\uFEFF';

  private PinnedOutput() {}

  /**
   * {@return the files' contents as one stream}: each file starts a new document ({@code ---}, or
   * {@code ...} first when the next file begins with a directive, YAML 1.2 §9.2); a later file's
   * byte order mark is dropped, since it may only open the stream.
   */
  static String join(List<PinnedFile> files) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < files.size(); i++) {
      String content = files.get(i).content();
      if (i > 0) {
        if (!content.isEmpty() && content.charAt(0) == BOM) {
          content = content.substring(1);
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          out.append('\n');
        }
        if (content.startsWith("%")) {
          out.append("...\n");
        } else if (!content.startsWith("---")) {
          out.append("---\n");
        }
      }
      out.append(content);
    }
    return out.toString();
  }

  static void write(Path target, List<PinnedFile> files) throws InvalidInputException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      Files.writeString(temp, join(files), StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new InvalidInputException(
          Reason.IO, "write pinned output " + target + ": " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the failure that got us here is what the caller needs to see
        }
      }
    }
  }
}
