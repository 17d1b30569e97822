package dev.custody.core.internal.crypto;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes key files. Reads are bounded; writes go to a temporary file in the target
 * directory that is created with its final permissions (0600 for private keys, so the key is never
 * readable by others, not even for an instant) and then moved into place atomically, so a reader
 * sees the old file or the whole new one.
 */
public final class KeyFiles {
  /** Key files, certificate chains and password files larger than this are refused. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private KeyFiles() {}

  /**
   * Reads a whole key or certificate file, at most {@link #MAX_FILE_BYTES}.
   *
   * @param file the file
   * @param what what it is ("private key", "public key", "certificates"), for messages
   * @return the content
   * @throws KeyException naming the file if it is missing, unreadable or too large
   */
  public static byte[] read(Path file, String what) throws KeyException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
      if (content.length > MAX_FILE_BYTES) {
        Arrays.fill(content, (byte) 0);
        throw new KeyException(
            Reason.LIMIT_EXCEEDED,
            "read " + what + " " + file + ": larger than " + MAX_FILE_BYTES + " bytes",
            null);
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new KeyException(Reason.NOT_FOUND, "read " + what + " " + file + ": no such file", e);
    } catch (IOException e) {
      throw new KeyException(
          Reason.IO, "read " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Writes a private key file with mode 0600 (on POSIX file systems).
   *
   * @param file the target
   * @param pem the PEM text
   * @param overwrite whether an existing file may be replaced
   * @throws KeyException naming the file if it exists (and {@code overwrite} is false) or cannot
   *     be written
   */
  public static void writePrivate(Path file, String pem, boolean overwrite) throws KeyException {
    write(file, pem, overwrite, OWNER_ONLY, "private key");
  }

  /**
   * Writes a public key or certificate file with mode 0644 (on POSIX file systems).
   *
   * @param file the target
   * @param pem the PEM text
   * @param overwrite whether an existing file may be replaced
   * @throws KeyException naming the file if it exists (and {@code overwrite} is false) or cannot
   *     be written
   */
  public static void writePublic(Path file, String pem, boolean overwrite) throws KeyException {
    write(file, pem, overwrite, WORLD_READABLE, "public key");
  }

  private static void write(
      Path file, String pem, boolean overwrite, Set<PosixFilePermission> mode, String what)
      throws KeyException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    boolean posix = Files.getFileAttributeView(directory, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    FileAttribute<?>[] attributes =
        posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    if (!posix && mode == OWNER_ONLY) {
      LOG.warn("{} is not on a POSIX file system; restrict access to it yourself", target);
    }
    byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
    Path temporary = null;
    try {
      temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", attributes);
      if (posix && mode != OWNER_ONLY) {
        // The attribute given at creation is narrowed by the umask; public files want exactly
        // 0644. Set while the file is still empty: permissions never change after content.
        Files.setPosixFilePermissions(temporary, mode);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (overwrite) {
        move(temporary, target, true);
      } else {
        // A hard link fails atomically if the target exists, unlike rename(2).
        try {
          Files.createLink(target, temporary);
          Files.delete(temporary);
        } catch (UnsupportedOperationException e) {
          if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
          }
          move(temporary, target, false);
        }
      }
      temporary = null;
    } catch (FileAlreadyExistsException e) {
      throw new KeyException(
          Reason.IO, "write " + what + " " + target + ": file exists (refusing to overwrite it)", e);
    } catch (IOException e) {
      throw new KeyException(
          Reason.IO, "write " + what + " " + target + ": " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          LOG.warn("could not delete temporary file {}", temporary);
        }
      }
    }
  }

  private static void move(Path from, Path to, boolean replace) throws IOException {
    try {
      if (replace) {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (AtomicMoveNotSupportedException e) {
      if (replace) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(from, to);
      }
    }
  }
}
