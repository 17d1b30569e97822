package dev.custody.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.core.testing.RegistryFixture;
import dev.custody.oci.Descriptor;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The referrers tag schema against a real registry: CNCF distribution 2.8 has no referrers API (it
 * answers 404), so every referrer goes through the fallback index for real.
 */
class ReferrersFallbackTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  private static final MediaType SIG = MediaType.of("application/vnd.example.signature");
  private static final MediaType SBOM = MediaType.of("application/vnd.example.sbom");

  private static RegistryStore store(String repository, OkHttpClient client) {
    return new RegistryStore(client, REGISTRY.baseUrl(), repository);
  }

  @Test
  void referrers_pushedWithoutOciSubject_listedFromTagIndexWithTypeAndAnnotations()
      throws Exception {
    String repository = REGISTRY.uniqueRepository("referrers");
    RegistryStore store = store(repository, new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "subject");

    ImageManifest sig = RegistryTestImages.pushReferrer(store, image, "sig", SIG);
    ImageManifest sbom = RegistryTestImages.pushReferrer(store, image, "sbom", SBOM);

    RegistryStore fresh = store(repository, new OkHttpClient());
    assertEquals(List.of(sig.descriptor(), sbom.descriptor()), fresh.referrers(image.digest()));
    assertEquals(List.of(sbom.descriptor()), fresh.referrers(image.digest(), SBOM));
    Descriptor listed = fresh.referrers(image.digest(), SIG).get(0);
    assertEquals(java.util.Optional.of(SIG), listed.artifactType());
    assertEquals(java.util.Optional.of("sig"), listed.annotation("dev.custody.test.name"));
    // The index is an ordinary OCI index under the spec's tag.
    Descriptor tagged = fresh.resolve(image.digest().toTagForm());
    assertEquals(MediaType.OCI_INDEX, tagged.mediaType());
    assertTrue(fresh.manifest(tagged.digest()) instanceof ImageIndex);
  }

  @Test
  void referrers_pushedTwice_listedOnce() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("dupes"), new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "dupes");
    ImageManifest sig = RegistryTestImages.pushReferrer(store, image, "sig", SIG);

    store.putManifest(sig);

    assertEquals(List.of(sig.descriptor()), store.referrers(image.digest()));
  }

  @Test
  void deleteManifest_referrer_removedFromTagIndex() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("delete-referrer"), new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "del");
    ImageManifest keep = RegistryTestImages.pushReferrer(store, image, "keep", SIG);
    ImageManifest drop = RegistryTestImages.pushReferrer(store, image, "drop", SIG);

    store.deleteManifest(drop.digest());

    assertEquals(
        List.of(keep.descriptor()),
        store(store.repository(), new OkHttpClient()).referrers(image.digest()));
  }

  @Test
  void referrers_noneAttached_empty() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("none"), new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "none");

    assertEquals(List.of(), store.referrers(image.digest()));
  }

  @Test
  void eightConcurrentWriters_sharedStore_noEntryLost() throws Exception {
    String repository = REGISTRY.uniqueRepository("concurrent");
    RegistryStore store = store(repository, new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "concurrent");
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<ImageManifest>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String name = "writer-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return RegistryTestImages.pushReferrer(store, image, name, SIG);
                }));
      }
      start.countDown();
      Set<Digest> written = new java.util.HashSet<>();
      for (Future<ImageManifest> f : results) {
        written.add(f.get(60, TimeUnit.SECONDS).digest());
      }

      Set<Digest> listed =
          store(repository, new OkHttpClient()).referrers(image.digest()).stream()
              .map(Descriptor::digest)
              .collect(Collectors.toSet());
      assertEquals(writers, written.size());
      assertEquals(written, listed);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Two stores (as two processes would be) interleaved deterministically so that B's stale write
   * replaces A's entry before A's confirming read: A must notice and write again, keeping both.
   */
  @Test
  void twoStores_staleWriteLandsBeforeConfirmation_reReadDetectsAndBothKept() throws Exception {
    String repository = REGISTRY.uniqueRepository("interleaved");
    RegistryStore setup = store(repository, new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(setup, "interleaved");
    String indexPath = "/manifests/" + ReferrersTagIndex.tagFor(image.digest());
    CountDownLatch bRead = new CountDownLatch(1);
    CountDownLatch aPut = new CountDownLatch(1);
    CountDownLatch bPut = new CountDownLatch(1);
    AtomicInteger aGets = new AtomicInteger();
    AtomicInteger aPuts = new AtomicInteger();
    AtomicInteger bGets = new AtomicInteger();
    AtomicInteger bPuts = new AtomicInteger();

    Interceptor a =
        chain -> {
          boolean index = chain.request().url().encodedPath().endsWith(indexPath);
          String method = chain.request().method();
          if (index && method.equals("PUT") && aPuts.incrementAndGet() == 1) {
            await(bRead); // B has read the (still empty) index
            okhttp3.Response r = chain.proceed(chain.request());
            aPut.countDown();
            return r;
          }
          if (index && method.equals("GET") && aGets.incrementAndGet() == 2) {
            await(bPut); // A's confirming read comes after B's stale write
          }
          return chain.proceed(chain.request());
        };
    Interceptor b =
        chain -> {
          boolean index = chain.request().url().encodedPath().endsWith(indexPath);
          String method = chain.request().method();
          if (index && method.equals("GET") && bGets.incrementAndGet() == 1) {
            okhttp3.Response r = chain.proceed(chain.request());
            bRead.countDown();
            return r;
          }
          if (index && method.equals("PUT") && bPuts.incrementAndGet() == 1) {
            await(aPut); // B writes what it read before A's write: A's entry is overwritten
            okhttp3.Response r = chain.proceed(chain.request());
            bPut.countDown();
            return r;
          }
          return chain.proceed(chain.request());
        };
    RegistryStore storeA = store(repository, new OkHttpClient.Builder().addInterceptor(a).build());
    RegistryStore storeB = store(repository, new OkHttpClient.Builder().addInterceptor(b).build());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ImageManifest> fa =
          pool.submit(() -> RegistryTestImages.pushReferrer(storeA, image, "a", SIG));
      Future<ImageManifest> fb =
          pool.submit(() -> RegistryTestImages.pushReferrer(storeB, image, "b", SBOM));
      ImageManifest ra = fa.get(60, TimeUnit.SECONDS);
      ImageManifest rb = fb.get(60, TimeUnit.SECONDS);

      List<Descriptor> listed = store(repository, new OkHttpClient()).referrers(image.digest());
      assertEquals(Set.of(ra.descriptor(), rb.descriptor()), Set.copyOf(listed));
      assertEquals(2, aPuts.get(), "A must have rewritten the index after losing its entry");
      assertEquals(1, bPuts.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) throws java.io.IOException {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new java.io.IOException("test choreography stalled");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
  }

  @Test
  void referrerDescriptor_matchesWhatTheReferrersApiWouldReturn() throws Exception {
    RegistryStore store = store(REGISTRY.uniqueRepository("shape"), new OkHttpClient());
    ImageManifest image = RegistryTestImages.pushImage(store, "shape");
    ImageManifest sig = RegistryTestImages.pushReferrer(store, image, "sig", SIG);

    Descriptor listed = store.referrers(image.digest()).get(0);

    assertEquals(
        Descriptor.builder(MediaType.OCI_MANIFEST, sig.digest(), sig.raw().size())
            .artifactType(SIG)
            .annotations(Map.of("dev.custody.test.name", "sig"))
            .build(),
        listed);
  }
}
