package dev.custody.core.internal.attach.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Custody;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyType;
import dev.custody.sign.SignOptions;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Several signers append to one legacy signature tag at once; every signature must survive. */
final class ConcurrentSigners {
  private ConcurrentSigners() {}

  /**
   * Signs {@code image} with {@code count} distinct keys from as many threads released together,
   * all through {@code custody} (each call opens its own store), then verifies that every key's
   * signature is there.
   */
  static void signConcurrently(Custody custody, ImageReference image, int count) throws Exception {
    List<SigningKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(CosignFixtures.fresh(KeyType.EC_P256));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (SigningKey key : keys) {
        Callable<Object> sign =
            () -> {
              start.await();
              return custody.sign(image, key.signer(), SignOptions.defaults());
            };
        done.add(pool.submit(sign));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    List<TrustedSigner> trusted = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      trusted.add(CosignFixtures.trusted("signer-" + i, keys.get(i)));
    }
    SignatureReport report =
        custody.verify(image, VerifyOptions.builder().signers(trusted).build());
    assertEquals(SignatureOutcome.VERIFIED, report.outcome(), report.message());
    assertEquals(
        count, report.examined().size(), "signature layers after " + count + " concurrent signers");
    assertTrue(
        report.examined().stream().allMatch(Evidence::isVerified), report.examined().toString());
    assertEquals(
        count,
        report.examined().stream().map(e -> e.verifiedBy().orElseThrow()).distinct().count(),
        "one signature per signer");
  }
}
