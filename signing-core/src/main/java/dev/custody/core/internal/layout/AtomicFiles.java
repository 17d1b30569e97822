package dev.custody.core.internal.layout;

import dev.custody.Bytes;
import dev.custody.core.internal.oci.BlobStreams;
import dev.custody.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file replacement: content goes to a temporary file in the target's directory (so the
 * rename stays on one file system), is forced to disk and checked, and only then renamed over the
 * target in one atomic step. A reader sees the old file or the new one, never a partial one; a
 * failed check leaves nothing behind.
 */
final class AtomicFiles {
  /** Prefix of temporary files; never a valid digest, so scans of {@code blobs/} skip them. */
  static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** Streams verified content into {@code target}; on any failure no file is left behind. */
  static void writeVerified(Path target, InputStream in, Descriptor expected) throws IOException {
    Path temp = tempFor(target);
    try {
      BlobStreams.copyVerifiedToNewFile(in, expected, temp);
      commit(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Replaces {@code target} with {@code content}. */
  static void replace(Path target, Bytes content) throws IOException {
    Path temp = tempFor(target);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content.toByteArray());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      commit(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path tempFor(Path target) {
    return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
  }

  private static void commit(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  /** Makes the rename itself durable; not every platform can open a directory, so best effort. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; the rename is still atomic there.
    }
  }
}
