package dev.custody.core.internal.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.CustodyException.Reason;
import dev.custody.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker config is bounded while it is read, not only by the size the file system reports: a
 * FIFO (or a /proc file, or a file that grows meanwhile) reports 0 bytes and then delivers more.
 */
class DockerConfigBoundsTest {
  @TempDir Path dir;

  @Test
  void configThatIsAFifoDeliveringMoreThanTheLimit_isRefusedWhileReading() throws Exception {
    Path fifo = dir.resolve("config.json");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    assertEquals(0, Files.size(fifo), "a FIFO reports no size");
    Thread writer = new Thread(() -> {
      byte[] spaces = new byte[64 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      try (OutputStream out = Files.newOutputStream(fifo)) {
        for (long sent = 0; sent <= 4 * DockerConfigCredentialProvider.MAX_FILE; sent += spaces.length) {
          out.write(spaces);
        }
      } catch (IOException e) {
        // the reader stopped at the bound and closed the pipe: expected
      }
    });
    writer.setDaemon(true);
    writer.start();
    DockerConfigCredentialProvider provider =
        new DockerConfigCredentialProvider(fifo, new CredentialHelpers(List.of(), Duration.ofSeconds(5)));
    StoreException e = assertThrows(StoreException.class, () -> provider.credentialFor("registry.example.com"));
    assertEquals(Reason.LIMIT_EXCEEDED, e.reason());
    assertEquals("read docker config " + fifo + ": too large (expected at most "
        + DockerConfigCredentialProvider.MAX_FILE + " bytes)", e.getMessage());
  }
}
