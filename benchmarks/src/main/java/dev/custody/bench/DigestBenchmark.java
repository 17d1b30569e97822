package dev.custody.bench;

import dev.custody.core.internal.oci.BlobStreams;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.DigestAlgorithm;
import dev.custody.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming SHA-256 verification of a 256 MiB file in the page cache: Custody's verifying copy
 * ({@link BlobStreams#copyVerified}, which is what {@code LayoutStore.readBlob} runs, with its
 * {@link BlobStreams#BUFFER_SIZE}) against a plain {@link MessageDigest} read loop at several buffer
 * sizes. {@code run.sh} times {@code openssl dgst -sha256} on the same file in the same round.
 *
 * <p>The file is {@code $CUSTODY_BENCH_BLOB} if set (run.sh creates it once), else a temporary file
 * written by the trial set-up. Either way it is read once before timing, so it is in the page cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DigestBenchmark {
  /** The file's size: 256 MiB. */
  public static final int SIZE = 256 * 1024 * 1024;

  /** The file and its descriptor, shared by all benchmarks of a fork. */
  @State(Scope.Benchmark)
  public static class Blob {
    Path file;
    Descriptor descriptor;
    private boolean created;

    /** Finds or writes the file, reads it (page cache) and digests it once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      String given = System.getenv("CUSTODY_BENCH_BLOB");
      if (given != null && !given.isEmpty()) {
        file = Path.of(given);
      } else {
        file = Files.createTempFile("custody-bench", ".blob");
        created = true;
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
          for (int i = 0; i < SIZE / chunk.length; i++) {
            random.nextBytes(chunk);
            out.write(chunk);
          }
        }
      }
      byte[] hash = plainDigest(file, 64 * 1024);
      descriptor =
          Descriptor.of(MediaType.OCI_LAYER, Digest.ofHash(DigestAlgorithm.SHA256, hash), Files.size(file));
    }

    /** Removes a file the set-up wrote. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      if (created) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The read buffer of the plain loop. */
  @State(Scope.Thread)
  public static class Buffer {
    @Param({"8", "32", "64", "1024"})
    int kib;
  }

  /** Custody: a verifying copy to nowhere; fails unless size and digest match. */
  @Benchmark
  public long custodyCopyVerified(Blob blob) throws IOException {
    try (InputStream in = Files.newInputStream(blob.file)) {
      return BlobStreams.copyVerified(in, blob.descriptor, OutputStream.nullOutputStream());
    }
  }

  /** The floor: read and digest, nothing else. */
  @Benchmark
  public byte[] plainMessageDigest(Blob blob, Buffer buffer) throws IOException {
    return plainDigest(blob.file, buffer.kib * 1024);
  }

  static byte[] plainDigest(Path file, int bufferSize) throws IOException {
    MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
    byte[] buffer = new byte[bufferSize];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
