package dev.custody.core.internal.notary.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.notary.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One verification reads each named store once, and the next verification reads it again. */
class TrustStoreSnapshotTest {
  private static final TrustStoreRef CA_A = new TrustStoreRef(TrustStoreType.CA, "a");
  private static final TrustStoreRef CA_B = new TrustStoreRef(TrustStoreType.CA, "b");
  static X509Certificate root;
  static X509Certificate other;

  @TempDir Path dir;

  @BeforeAll
  static void pki() throws Exception {
    root = selfSigned("CN=Root,O=T,ST=WA,C=US");
    other = selfSigned("CN=Other,O=T,ST=WA,C=US");
  }

  @Test
  void storeAskedForPerSignature_eachNamedStoreReadOnce() throws Exception {
    write("a", "root.crt", root);
    write("b", "other.crt", other);
    Counting counting = new Counting(TrustStore.at(dir));
    TrustStoreSnapshot snapshot = TrustStoreSnapshot.of(counting);

    List<X509Certificate> first = snapshot.certificates(CA_A);
    for (int signature = 0; signature < 7; signature++) {
      assertSame(first, snapshot.certificates(CA_A));
      assertEquals(List.of(other), snapshot.certificates(CA_B));
    }

    assertEquals(List.of(root), first);
    assertEquals(Map.of(CA_A, 1, CA_B, 1), counting.reads());
  }

  @Test
  void storeFailsToLoad_failureReadOnceAndRepeatedWithItsReasonAndMessage() throws Exception {
    Files.write(named("a").resolve("big.pem"), new byte[TrustStore.MAX_FILE_BYTES + 1]);
    Counting counting = new Counting(TrustStore.at(dir));
    TrustStoreSnapshot snapshot = TrustStoreSnapshot.of(counting);

    InvalidInputException first =
        assertThrows(InvalidInputException.class, () -> snapshot.certificates(CA_A));
    InvalidInputException second =
        assertThrows(InvalidInputException.class, () -> snapshot.certificates(CA_A));

    assertEquals(Reason.LIMIT_EXCEEDED, second.reason());
    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(
        "load trust store \"a\" of type \"ca\": big.pem is too large (expected at most "
            + TrustStore.MAX_FILE_BYTES + " bytes)",
        second.getMessage());
    assertEquals(Map.of(CA_A, 1), counting.reads());
  }

  @Test
  void storeChangedBetweenVerifications_nextSnapshotSeesTheChange() throws Exception {
    write("a", "root.crt", root);
    TrustStore store = TrustStore.at(dir);
    TrustStoreSnapshot earlier = TrustStoreSnapshot.of(store);
    assertEquals(List.of(root), earlier.certificates(CA_A));

    write("a", "second.crt", other);

    assertEquals(List.of(root), earlier.certificates(CA_A));
    assertEquals(List.of(root, other), TrustStoreSnapshot.of(store).certificates(CA_A));
  }

  @Test
  void concurrentRequestsForOneStore_readItOnce() throws Exception {
    write("a", "root.crt", root);
    Counting counting = new Counting(TrustStore.at(dir));
    TrustStoreSnapshot snapshot = TrustStoreSnapshot.of(counting);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<X509Certificate>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<List<X509Certificate>> task =
            () -> {
              start.await();
              return snapshot.certificates(CA_A);
            };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<X509Certificate>> result : results) {
        assertEquals(List.of(root), result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(Map.of(CA_A, 1), counting.reads());
  }

  /** The counting seam: how often each named store was read from its source. */
  static final class Counting implements TrustedCertificates {
    private final TrustedCertificates source;
    private final Map<TrustStoreRef, AtomicInteger> reads = new ConcurrentHashMap<>();

    Counting(TrustedCertificates source) {
      this.source = source;
    }

    @Override
    public List<X509Certificate> certificates(TrustStoreRef ref) throws InvalidInputException {
      reads.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
      return source.certificates(ref);
    }

    Map<TrustStoreRef, Integer> reads() {
      Map<TrustStoreRef, Integer> copy = new ConcurrentHashMap<>();
      reads.forEach((ref, n) -> copy.put(ref, n.get()));
      return Map.copyOf(copy);
    }
  }

  private static X509Certificate selfSigned(String dn) throws Exception {
    KeyPair keys = TestPki.ec();
    return TestPki.cert(dn, keys, dn, keys.getPrivate(), true, -1, null);
  }

  private Path named(String name) throws Exception {
    return Files.createDirectories(dir.resolve("x509").resolve("ca").resolve(name));
  }

  private void write(String store, String file, X509Certificate cert) throws Exception {
    Files.write(named(store).resolve(file), cert.getEncoded());
  }
}
