package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.CLOCK;
import static dev.custody.core.internal.attach.attest.AttestFixtures.SLSA;
import static dev.custody.core.internal.attach.attest.AttestFixtures.VULN;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static dev.custody.core.internal.attach.attest.AttestFixtures.provenance;
import static dev.custody.core.internal.attach.attest.AttestFixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestationReport;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.policy.ReportText;
import dev.custody.core.testing.RegistryFixture;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.Evidence;
import dev.custody.policy.ReasonCode;
import dev.custody.policy.Verdict;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreOptions;
import dev.custody.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Attestations and custody on the real registry fixture, and after a copy back to a layout. */
class RegistryCustodyTest {
  @RegisterExtension static final RegistryFixture REGISTRY = RegistryFixture.anonymous();

  @TempDir Path tmp;
  AttestFixtures f;
  final Custody custody =
      Custody.builder()
          .clock(CLOCK)
          .storeOptions(StoreOptions.defaults().withCreateLayouts())
          .build();

  @BeforeEach
  void setUp() {
    f = new AttestFixtures(tmp.resolve("layout"));
  }

  private ImageReference pushed(String name) throws Exception {
    ImageReference remote =
        ImageReference.parse(REGISTRY.reference(REGISTRY.uniqueRepository(name), "v1"));
    custody.copy(f.image(), remote);
    return remote;
  }

  private CustodyPolicy scopedTo(String scope) {
    CustodyPolicy base = f.policy();
    CustodyPolicy.Builder b =
        CustodyPolicy.builder().name(base.name()).scope(scope).policyDigest(base.policyDigest());
    base.signers().forEach(b::signer);
    base.stages().forEach(b::stage);
    return b.build();
  }

  private void attest(
      ImageReference image, Signer signer, String type, Bytes predicate, ReferrersMode mode)
      throws Exception {
    custody.attest(
        image, signer, type, predicate, AttestOptions.builder().referrersMode(mode).build());
  }

  @Test
  void chainOnRegistry_passes_andStillPassesAfterCopyToLayout() throws Exception {
    ImageReference remote = pushed("custody-chain");
    attest(remote, f.ci, SLSA, provenance("2026-11-20T00:00:00Z"), ReferrersMode.LEGACY);
    attest(remote, f.scanner, VULN, scan(0, "2026-11-21T00:00:00Z"), ReferrersMode.OCI_1_1);
    attest(
        remote, f.alice, APPROVAL, approval("alice", "2026-11-22T00:00:00Z"), ReferrersMode.LEGACY);
    attest(remote, f.bob, APPROVAL, approval("bob", "2026-11-23T00:00:00Z"), ReferrersMode.OCI_1_1);

    CustodyReport online = custody.verifyCustody(remote, scopedTo(remote.context()));
    assertEquals(Verdict.PASS, online.verdict(), ReportText.render(online));
    assertEquals(f.digest(), online.digest());

    ImageReference offline = ImageReference.parse("oci:" + tmp.resolve("exported") + ":v1");
    custody.copy(remote, offline);
    CustodyReport fromLayout = custody.verifyCustody(offline, scopedTo("oci:*"));
    assertEquals(Verdict.PASS, fromLayout.verdict(), ReportText.render(fromLayout));
    assertEquals(online.stages().size(), fromLayout.stages().size());
  }

  @Test
  void scanWithCriticalsOnRegistry_conditionFailedNamed() throws Exception {
    ImageReference remote = pushed("custody-critical");
    attest(remote, f.ci, SLSA, provenance("2026-11-20T00:00:00Z"), ReferrersMode.OCI_1_1);
    attest(remote, f.scanner, VULN, scan(3, "2026-11-21T00:00:00Z"), ReferrersMode.LEGACY);
    attest(
        remote,
        f.alice,
        APPROVAL,
        approval("alice", "2026-11-22T00:00:00Z"),
        ReferrersMode.OCI_1_1);
    attest(
        remote, f.carol, APPROVAL, approval("carol", "2026-11-23T00:00:00Z"), ReferrersMode.LEGACY);
    CustodyReport report = custody.verifyCustody(remote, scopedTo(remote.context()));
    assertEquals(Verdict.FAIL, report.verdict());
    assertEquals(
        ReasonCode.CONDITION_FAILED,
        report.stages().get(1).reason().orElseThrow(),
        ReportText.render(report));
    assertTrue(
        report.stages().get(0).satisfied() && report.stages().get(2).satisfied(),
        ReportText.render(report));
  }

  @Test
  void eightConcurrentAttestersOnRegistry_loseNothing() throws Exception {
    ImageReference remote = pushed("custody-concurrent");
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<dev.custody.policy.TrustedSigner> trusted = new ArrayList<>();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Signer signer = AttestFixtures.newSigner();
        trusted.add(AttestFixtures.trusted("a" + i, signer));
        Bytes predicate = approval("approver-" + i, "2026-11-22T00:00:00Z");
        Callable<Object> task =
            () -> {
              start.await();
              return Custody.builder()
                  .build()
                  .attest(remote, signer, APPROVAL, predicate, AttestOptions.defaults());
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (ArtifactStore store = custody.open(remote)) {
      ImageManifest att =
          (ImageManifest)
              store.manifest(store.resolve(CosignTags.attestationTag(f.digest())).digest());
      assertEquals(n, att.layers().size());
    }
    AttestationReport report =
        custody.verifyAttestations(
            remote, VerifyOptions.builder().signers(trusted).build(), "approval");
    assertEquals(
        n, report.examined().stream().filter(Evidence::isVerified).count(), report.message());
  }
}
