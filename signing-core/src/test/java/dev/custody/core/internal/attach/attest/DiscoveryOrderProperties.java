package dev.custody.core.internal.attach.attest;

import static dev.custody.core.internal.attach.attest.AttestFixtures.APPROVAL;
import static dev.custody.core.internal.attach.attest.AttestFixtures.CLOCK;
import static dev.custody.core.internal.attach.attest.AttestFixtures.SLSA;
import static dev.custody.core.internal.attach.attest.AttestFixtures.VULN;
import static dev.custody.core.internal.attach.attest.AttestFixtures.approval;
import static dev.custody.core.internal.attach.attest.AttestFixtures.provenance;
import static dev.custody.core.internal.attach.attest.AttestFixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.core.internal.formats.cosign.CosignTags;
import dev.custody.core.internal.formats.cosign.SignatureImage;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.layout.LayoutStore;
import dev.custody.core.internal.policy.ReportJson;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageManifest;
import dev.custody.oci.MediaType;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import dev.custody.sign.ReferrersMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The custody verdict does not depend on the order in which evidence is discovered (issue 5): the
 * store's referrer listing is shuffled, and the {@code .att} image's layers are rewritten in a
 * random order, over a chain with good, duplicate, untrusted, stale, tampered and foreign
 * candidates in both storage modes.
 */
class DiscoveryOrderProperties {
  private static final Scenario S = Scenario.create();

  private static final class Scenario {
    final AttestFixtures f;
    final CustodyPolicy policy;
    final CustodyReport baseline;
    final List<Descriptor> attLayers;

    private Scenario(AttestFixtures f) throws Exception {
      this.f = f;
      this.policy = f.policy();
      f.goodChain();
      f.attest(f.carol, APPROVAL, approval("carol", "2026-11-22T06:00:00Z"), ReferrersMode.OCI_1_1);
      f.attest(f.alice, APPROVAL, approval("alice", "2026-11-22T12:00:00Z"), ReferrersMode.OCI_1_1);
      f.attest(f.stranger, APPROVAL, approval("stranger", "2026-11-23T06:00:00Z"));
      f.attest(f.scanner, VULN, scan(1, "2026-11-21T00:00:00Z"));
      f.attest(f.scanner, VULN, scan(0, "2026-11-10T00:00:00Z"), ReferrersMode.OCI_1_1);
      f.attest(f.ci, SLSA, provenance("2026-11-19T00:00:00Z"), ReferrersMode.OCI_1_1);
      f.appendEnvelope(
          AttestFixtures.envelope(
              f.scanner,
              "application/json",
              AttestFixtures.statement(f.digest(), VULN, scan(0, "2026-11-21T00:00:00Z"))),
          VULN);
      try (LayoutStore store = f.store()) {
        this.attLayers =
            ((ImageManifest) store.manifest(store.resolve(attTag()).digest())).layers();
        this.baseline = verify(store);
      }
      if (baseline.verdict() != dev.custody.policy.Verdict.PASS) {
        throw new AssertionError("the scenario's chain must pass: " + summary(baseline));
      }
    }

    static Scenario create() {
      try {
        Files.createDirectories(Path.of("target"));
        return new Scenario(
            new AttestFixtures(Files.createTempDirectory(Path.of("target"), "discovery-order")));
      } catch (Exception e) {
        throw new AssertionError("set up the discovery order scenario", e);
      }
    }

    String attTag() throws Exception {
      return CosignTags.attestationTag(f.digest());
    }

    CustodyReport verify(dev.custody.store.ArtifactStore store) throws Exception {
      return new CustodyVerification(new SignatureSchemes(List.of()), LayoutSource.NONE)
          .verify(store, f.image(), policy, CLOCK);
    }
  }

  @Property(tries = 40)
  void shuffledReferrerListing_sameReport(@ForAll long seed) throws Exception {
    try (LayoutStore store = S.f.store()) {
      // The other property rewrites the .att image, so compare with the store as it is now.
      CustodyReport inOrder = S.verify(store);
      CustodyReport shuffled = S.verify(new ShuffledListingStore(store, seed));
      assertEquals(ReportJson.render(inOrder).asUtf8(), ReportJson.render(shuffled).asUtf8());
      assertEquals(summary(S.baseline), summary(shuffled));
    }
  }

  @Property(tries = 25)
  void attLayersInAnyOrder_sameVerdictAndReasons(@ForAll long seed) throws Exception {
    List<Descriptor> layers = new ArrayList<>(S.attLayers);
    Collections.shuffle(layers, new Random(seed));
    try (LayoutStore store = S.f.store()) {
      SignatureImage image = SignatureImage.of(layers);
      store.putBlob(MediaType.OCI_CONFIG, image.config());
      store.putManifest(image.manifest(), S.attTag());
      CustodyReport report = S.verify(new ShuffledListingStore(store, seed));
      assertEquals(summary(S.baseline), summary(report));
    }
  }

  /** What must not change when the {@code .att} manifest (and so its digest) changes. */
  private static List<String> summary(CustodyReport report) {
    List<String> out = new ArrayList<>();
    out.add(report.verdict().id());
    for (StageResult s : report.stages()) {
      List<String> rejected =
          s.rejected().stream()
              .map(RejectedCandidate::reason)
              .map(Enum::name)
              .sorted()
              .collect(Collectors.toList());
      out.add(
          s.name()
              + " "
              + s.satisfied()
              + " "
              + s.reason()
              + " "
              + s.satisfiedAt()
              + " accepted="
              + s.accepted().size()
              + " rejected="
              + rejected);
    }
    return out;
  }

  static {
    // The foreign payload type above must stay foreign.
    assertEquals("application/vnd.in-toto+json", DsseEnvelope.IN_TOTO_PAYLOAD_TYPE);
  }
}
