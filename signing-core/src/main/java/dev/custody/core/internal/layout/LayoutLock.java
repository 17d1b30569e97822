package dev.custody.core.internal.layout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write of a layout's {@code index.json} across threads and processes.
 *
 * <p>A {@link FileLock} on {@value #LOCK_FILE} excludes other processes, but file locks belong to
 * the whole JVM (a second lock from the same JVM throws {@code OverlappingFileLockException}), so
 * threads, including threads of different {@link LayoutStore} instances on one directory, first
 * take an in-process lock for that directory. That table of locks is the only static state here;
 * it holds no configuration, just one lock per layout directory touched.
 */
final class LayoutLock {
  /** The lock file inside the layout; extra files are allowed in a layout (image-layout.md). */
  static final String LOCK_FILE = "index.json.lock";

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private LayoutLock() {}

  /** An action run under the lock. */
  interface Action<T, E extends Exception> {
    T run() throws E, IOException;
  }

  /**
   * Runs {@code action} holding both locks for {@code layout} (a real, absolute path).
   *
   * @throws IOException if the lock file cannot be opened or locked
   */
  static <T, E extends Exception> T locked(Path layout, Action<T, E> action) throws E, IOException {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(layout, k -> new ReentrantLock());
    if (local.isHeldByCurrentThread()) {
      return action.run(); // nested use: this thread already holds the file lock too
    }
    local.lock();
    try (FileChannel channel =
        FileChannel.open(
            layout.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.lock();
      try {
        return action.run();
      } finally {
        lock.release();
      }
    } finally {
      local.unlock();
    }
  }
}
