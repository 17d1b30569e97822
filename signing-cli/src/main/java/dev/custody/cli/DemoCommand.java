package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.attest.AttestOptions;
import dev.custody.cli.demo.DemoEvidence;
import dev.custody.cli.demo.DemoImage;
import dev.custody.cli.demo.ReportLines;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.RejectedCandidate;
import dev.custody.policy.StageResult;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyRef;
import dev.custody.sign.PasswordSource;
import dev.custody.sign.SignOptions;
import dev.custody.sign.Signer;
import dev.custody.store.ArtifactStore;
import dev.custody.store.StoreException;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody demo}: the main job end to end on an embedded default, a temporary OCI layout (no
 * registry, no network). It generates keys, builds a tiny image, signs it, attests provenance, a
 * scan and two approvals, writes a policy, verifies custody and prints the report; then it
 * tampers with a copy (one byte of the layer changed, the genuine evidence copied next to it) and
 * shows that the copy fails, with the reason for each stage. Exit 0 when both turn out as
 * expected.
 */
@Command(
    name = "demo",
    description = {
      "Run the whole job end to end on a temporary OCI layout (no registry, no network).",
      "Generates keys, builds a small image, attests SLSA provenance, a vulnerability scan and"
          + " two approvals, signs it, verifies custody with a policy and prints the report; then"
          + " shows that a tampered copy fails. Progress goes to stderr, the reports to stdout."
          + " Exit 0 when the demo ran as expected."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody demo",
      "  custody demo --dir ./custody-demo     # keep the keys, layouts and policy to look at",
      "  custody --output json demo"
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  private static final List<String> KEYS = List.of("ci", "scanner", "alice", "bob", "release");
  private static final String GREETING = "Hello from the custody demo!\n";

  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Work in DIR (created, must be empty) and keep it, instead of a temporary directory.")
  private Path dir;

  private PrintWriter err;

  @Override
  public Integer call() throws CustodyException, IOException {
    err = spec.commandLine().getErr();
    Path work = dir != null ? emptyDirectory(dir) : Files.createTempDirectory("custody-demo-");
    try {
      return run(work.toAbsolutePath());
    } finally {
      if (dir == null) {
        deleteTree(work);
      }
    }
  }

  private int run(Path work) throws CustodyException, IOException {
    Custody custody = main.custody();
    progress("working in " + work + (dir == null ? " (deleted afterwards; keep it with --dir)" : ""));

    Map<String, Signer> keys = new LinkedHashMap<>();
    Files.createDirectories(work.resolve("keys"));
    for (String name : KEYS) {
      Path key =
          custody
              .generateKeyPair(
                  work.resolve("keys").resolve(name),
                  KeyPairOptions.builder().fileFormat(KeyFileFormat.PKCS8).build(),
                  PasswordSource.none())
              .privateKeyFile();
      keys.put(name, custody.signer(KeyRef.parse(key.toString()), PasswordSource.none()));
    }
    progress("generated EC P-256 keys " + String.join(", ", KEYS) + " in keys/ (unencrypted: demo only)");

    Path buildLayout = work.resolve("build");
    DemoImage.createLayout(buildLayout);
    ImageReference image = ImageReference.layout(buildLayout.toString()).withTag("v1");
    try (ArtifactStore store = custody.open(image)) {
      DemoImage.write(store, "v1", GREETING);
    }
    Digest digest = custody.resolve(image).digest();
    progress("built " + image + " (" + digest + ")");

    ImageReference pinned = image.withDigest(digest);

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    attest(custody, pinned, keys.get("ci"), "slsaprovenance1", DemoEvidence.provenance(now.minusSeconds(240)));
    progress("attested SLSA provenance, signed by ci");
    attest(custody, pinned, keys.get("scanner"), "vuln", DemoEvidence.scan(0, now.minusSeconds(180)));
    progress("attested a vulnerability scan (no critical findings), signed by scanner");
    attest(custody, pinned, keys.get("alice"), "approval", DemoEvidence.approval("alice", now.minusSeconds(120)));
    attest(custody, pinned, keys.get("bob"), "approval", DemoEvidence.approval("bob", now.minusSeconds(60)));
    progress("approved by alice and bob");
    custody.sign(pinned, keys.get("release"), SignOptions.defaults());
    progress("signed it with the release key (cosign signature, signing time recorded)");

    Path policyFile = work.resolve("policy.yaml");
    Files.writeString(policyFile, DemoEvidence.policy());
    CustodyPolicy policy = custody.readPolicy(policyFile);
    VerifyOptions trustRelease =
        VerifyOptions.builder()
            .signers(List.of(custody.trustedKey("release", KeyRef.parse(work.resolve("keys/release.pub").toString()))))
            .build();
    progress("wrote policy.yaml: build by ci, then scan by scanner (7d, no criticals), then 2 approvals, then the release signature");

    CustodyReport good = custody.verifyCustody(image, policy);
    SignatureReport goodSignature = custody.verify(image, trustRelease);
    progress("verified custody of " + image + ": " + good.verdict().id());

    ImageReference deployed = ImageReference.layout(work.resolve("deploy").toString()).withTag("v1");
    custody.copy(image, deployed);
    Digest tamperedDigest = tamper(custody, deployed, digest);
    progress(
        "copied it with its evidence to " + deployed + ", then replaced the image under the tag with"
            + " one whose layer differs in one byte (" + tamperedDigest + ") and copied the genuine"
            + " signature and attestations next to it");
    CustodyReport tampered = custody.verifyCustody(deployed, policy);
    SignatureReport tamperedSignature = custody.verify(deployed, trustRelease);
    progress("verified custody of " + deployed + ": " + tampered.verdict().id());

    boolean asExpected =
        good.passed() && goodSignature.passed() && !tampered.passed() && !tamperedSignature.passed();
    print(work, good, goodSignature, tampered, tamperedSignature, asExpected);
    return asExpected ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
  }

  private static void attest(Custody custody, ImageReference image, Signer signer, String type, String predicate)
      throws CustodyException {
    custody.attest(image, signer, type, Bytes.utf8(predicate), AttestOptions.defaults());
  }

  /**
   * What an attacker with write access to the deployment's store might do: move the tag to another
   * image, and copy the genuine image's cosign signature and attestation tags to the names cosign
   * would look up for the new digest. Custody binds every piece of evidence to a digest, so none
   * of it counts for the other image.
   */
  private static Digest tamper(Custody custody, ImageReference deployed, Digest genuine)
      throws CustodyException {
    try (ArtifactStore store = custody.open(deployed)) {
      Digest tampered = DemoImage.write(store, "v1", "J" + GREETING.substring(1)).digest();
      for (String suffix : List.of(".sig", ".att")) {
        String from = genuine.toTagForm() + suffix;
        store.putManifest(store.manifest(store.resolve(from).digest()), tampered.toTagForm() + suffix);
      }
      return tampered;
    } catch (IOException e) {
      throw new StoreException(CustodyException.Reason.IO, "close store " + deployed.context(), e);
    }
  }

  private void print(
      Path work,
      CustodyReport good,
      SignatureReport goodSignature,
      CustodyReport tampered,
      SignatureReport tamperedSignature,
      boolean asExpected) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(
          new JsonObject()
              .put("directory", dir == null ? "(deleted)" : work.toString())
              .put("image", summary(good, goodSignature))
              .put("tampered", summary(tampered, tamperedSignature))
              .put("asExpected", asExpected)
              .toJson());
      return;
    }
    out.println("== The released image: every stage satisfied");
    ReportLines.of(good).forEach(out::println);
    out.println("  signature " + goodSignature.outcome() + ": " + goodSignature.message());
    out.println();
    out.println("== A tampered copy: one byte of its layer changed, the genuine evidence copied next to it");
    ReportLines.of(tampered).forEach(out::println);
    out.println("  signature " + tamperedSignature.outcome() + ": " + tamperedSignature.message());
    out.println();
    out.println(
        asExpected
            ? "demo ran as expected: the released image passes, the tampered copy fails"
            : "demo did NOT run as expected: see the reports above");
  }

  private static JsonObject summary(CustodyReport report, SignatureReport signature) {
    List<JsonObject> stages = new ArrayList<>();
    for (StageResult stage : report.stages()) {
      List<JsonObject> rejected = new ArrayList<>();
      for (RejectedCandidate r : stage.rejected()) {
        rejected.add(
            new JsonObject().put("signer", r.signer()).put("reason", r.reason().name()).put("detail", r.detail()));
      }
      List<String> signers = new ArrayList<>();
      stage.accepted().forEach(a -> signers.add(a.signer()));
      stages.add(
          new JsonObject()
              .put("name", stage.name())
              .put("satisfied", stage.satisfied())
              .put("reason", stage.reason().map(Enum::name))
              .put("detail", stage.detail())
              .putStrings("signers", signers)
              .putObjects("rejected", rejected));
    }
    return new JsonObject()
        .put("image", report.image())
        .put("digest", report.digest().toString())
        .put("policy", report.policy())
        .put("verdict", report.verdict().id())
        .putObjects("stages", stages)
        .put("signature", signature.outcome().name());
  }

  private void progress(String line) {
    err.println("custody demo: " + line);
    err.flush();
  }

  private Path emptyDirectory(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.findAny().isPresent()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--dir " + directory + " is not empty (expected a new or empty directory)");
      }
    }
    return directory;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(DemoCommand::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + root, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + path, e);
    }
  }
}
