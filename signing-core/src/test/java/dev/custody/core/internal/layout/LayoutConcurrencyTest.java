package dev.custody.core.internal.layout;

import static dev.custody.core.internal.layout.LayoutFixtures.putImageBlobs;
import static dev.custody.core.internal.layout.LayoutFixtures.putReferrerBlobs;
import static dev.custody.core.internal.layout.LayoutFixtures.subjectOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageManifest;
import dev.custody.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers on one layout: every tag and every referrer entry survives. */
class LayoutConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_WRITER = 5;

  @TempDir Path tmp;

  /** Writes image {@code name} tagged {@code name}, then an untagged referrer of it. */
  static void writeOne(LayoutStore store, String name) throws StoreException {
    ImageManifest image = putImageBlobs(store, name);
    store.putManifest(image, name);
    store.putManifest(putReferrerBlobs(store, subjectOf(image), name));
  }

  @Test
  void eightThreads_taggingAndAddingReferrers_loseNothing() throws Exception {
    Path dir = tmp.resolve("layout");
    LayoutStore shared = LayoutStore.open(dir, true);
    List<String> names = runThreads(dir, shared, "thread");
    assertComplete(shared, names);
    shared.close();
  }

  @Test
  void threadsAndTwoProcesses_writingAtOnce_loseNothing() throws Exception {
    Path dir = tmp.resolve("layout");
    LayoutStore shared = LayoutStore.open(dir, true);
    List<Process> processes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      String prefix = "process" + p;
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx128m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LayoutWriterProcess.class.getName(),
                  dir.toString(),
                  prefix,
                  Integer.toString(PER_WRITER))
              .redirectErrorStream(true)
              .start());
      for (int i = 0; i < PER_WRITER; i++) {
        names.add(prefix + "-" + i);
      }
    }
    names.addAll(runThreads(dir, shared, "thread"));
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "writer process did not finish");
      assertEquals(0, process.exitValue(), output);
    }
    assertComplete(shared, names);
    shared.close();
  }

  /** Half the threads share one store, half open their own: both paths must serialise. */
  private List<String> runThreads(Path dir, LayoutStore shared, String prefix) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Void>> results = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        for (int i = 0; i < PER_WRITER; i++) {
          names.add(prefix + thread + "-" + i);
        }
        Callable<Void> writer =
            () -> {
              start.await();
              LayoutStore store = thread % 2 == 0 ? shared : LayoutStore.open(dir, false);
              for (int i = 0; i < PER_WRITER; i++) {
                writeOne(store, prefix + thread + "-" + i);
              }
              if (store != shared) {
                store.close();
              }
              return null;
            };
        results.add(pool.submit(writer));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return names;
  }

  private static void assertComplete(LayoutStore store, List<String> names) throws Exception {
    assertEquals(new HashSet<>(names), new HashSet<>(store.tags()));
    assertEquals(names.size(), store.tags().size());
    List<Descriptor> entries = store.readIndex("check").entries();
    assertEquals(2 * names.size(), entries.size());
    // Every image has exactly its one referrer entry (one pass over index.json)...
    Map<Digest, String> referred = new HashMap<>();
    for (Descriptor entry : entries) {
      if (entry.artifactType().isPresent()) {
        ImageManifest referrer = (ImageManifest) store.manifest(entry.digest());
        String note = referrer.annotations().get("note");
        assertEquals(null, referred.put(referrer.subject().orElseThrow().digest(), note));
      }
    }
    for (String name : names) {
      assertEquals(name, referred.get(store.resolve(name).digest()), "referrer of " + name);
    }
    // ...and the referrers listing finds it (sampled: each listing scans the whole layout).
    for (String name : List.of(names.get(0), names.get(names.size() - 1))) {
      List<Descriptor> referrers = store.referrers(store.resolve(name).digest());
      assertEquals(1, referrers.size(), "referrers of " + name);
      assertEquals(name, referrers.get(0).annotations().get("note"));
    }
  }
}
