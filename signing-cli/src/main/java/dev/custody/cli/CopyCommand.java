package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.attest.AttestResult;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.promote.PromoteOptions;
import dev.custody.promote.PromoteResult;
import dev.custody.sign.KeyRef;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.store.CopyListener;
import dev.custody.store.CopyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody copy SRC DST}: copies an image with its signatures, attestations and other
 * attachments, digests unchanged ({@code Custody.copy}); with {@code --promote --key KEY} it also
 * signs a promotion attestation on the destination ({@code Custody.promote}), after checking the
 * source against {@code --policy} when given.
 */
@Command(
    name = "copy",
    description = {
      "Copy an image with every signature, attestation and other attachment (digests unchanged).",
      "Blobs the destination already has are skipped; within one registry they are mounted. On a"
          + " terminal, progress goes to stderr.",
      "With --promote --key KEY, also store a signed promotion attestation on the destination"
          + " (source and destination pinned by digest, the policy digest, the time); with"
          + " --policy, the source must pass that policy first (exit 1 and nothing copied if it"
          + " does not)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody copy staging.example.com/app:1.4 prod.example.com/app:1.4",
      "  custody copy myacr.azurecr.io/app:1.4 oci:./offline:1.4",
      "  custody copy --promote --key release.key --policy staging.yaml \\",
      "      staging.example.com/app:1.4 prod.example.com/app:1.4"
    },
    mixinStandardHelpOptions = true)
final class CopyCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private PasswordOptions passwords;

  @Option(
      names = "--promote",
      description = "Sign a promotion attestation on the destination after copying (needs --key).")
  private boolean promote;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "With --promote: the private key that signs the promotion statement.")
  private String key;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "With --promote: a custody policy the source must pass before it is promoted.")
  private Path policy;

  @Option(
      names = "--registry-referrers-mode",
      paramLabel = "legacy|oci-1-1",
      defaultValue = "legacy",
      converter = ReferrersModeConverter.class,
      description = "With --promote: where the promotion attestation goes (default: legacy).")
  private ReferrersMode referrersMode;

  @Parameters(
      index = "0",
      paramLabel = "SRC",
      converter = ImageReferenceConverter.class,
      description = "The image to copy; a tag is resolved once.")
  private ImageReference source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      converter = ImageReferenceConverter.class,
      description = "Where it goes (registry or oci:DIR); a tag here is set on the copy.")
  private ImageReference destination;

  @Override
  public Integer call() throws CustodyException {
    checkPromoteOptions();
    CopyListener progress =
        CopyProgress.of(main.showsProgress(), "custody copy", spec.commandLine().getErr());
    if (!promote) {
      print(main.custody().copy(source, destination, progress));
      return ExitCodes.OK;
    }
    Custody custody = main.custody();
    PromoteOptions.Builder options = PromoteOptions.builder().referrersMode(referrersMode);
    if (policy != null) {
      options.policy(custody.readPolicy(policy));
    }
    Signer signer = custody.signer(KeyRef.parse(key), passwords.source(main.terminal(), false));
    PromoteResult result = custody.promote(source, destination, signer, options.build(), progress);
    if (!result.promoted()) {
      var report = result.sourceCustody().orElseThrow();
      VerifyCustodyCommand.print(custody, report, spec.commandLine().getOut(), main.output());
      spec.commandLine()
          .getErr()
          .println("custody: not promoted: " + VerifyCustodyCommand.failureSummary(report));
      return ExitCodes.VERIFICATION_FAILED;
    }
    print(result);
    return ExitCodes.OK;
  }

  private void checkPromoteOptions() {
    if (!promote && (key != null || policy != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--key and --policy are for --promote; add --promote or drop them");
    }
    if (promote && key == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--promote needs --key KEY to sign the promotion statement");
    }
  }

  private JsonObject copyJson(CopyResult result) {
    return new JsonObject()
        .put("source", source.toString())
        .put("destination", destination.toString())
        .put("digest", result.root().digest().toString())
        .put("attachments", result.attachments())
        .put("blobsCopied", result.blobsCopied())
        .put("blobsSkipped", result.blobsSkipped());
  }

  private void print(CopyResult result) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(copyJson(result).toJson());
      return;
    }
    out.printf(
        "copied %s to %s (%s): %d attachment(s), %d blob(s) copied, %d already present%n",
        source,
        destination,
        result.root().digest(),
        result.attachments(),
        result.blobsCopied(),
        result.blobsSkipped());
  }

  private void print(PromoteResult result) {
    CopyResult copy = result.copy().orElseThrow();
    AttestResult promotion = result.promotion().orElseThrow();
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      JsonObject promoted =
          new JsonObject()
              .put("predicateType", promotion.predicateType())
              .putObjects(
                  "attestations",
                  promotion.attestations().stream()
                      .map(AttestCommand::json)
                      .collect(Collectors.toList()));
      result
          .sourceCustody()
          .ifPresent(
              r ->
                  promoted
                      .put("policy", r.policy())
                      .put("policyDigest", r.policyDigest().toString()));
      out.println(copyJson(copy).put("promotion", promoted).toJson());
      return;
    }
    print(copy);
    result
        .sourceCustody()
        .ifPresent(
            r ->
                out.println(
                    "source custody: policy "
                        + r.policy()
                        + " "
                        + r.verdict().id()
                        + " ("
                        + r.policyDigest()
                        + ")"));
    out.println(
        "promotion attested on "
            + destination.context()
            + "@"
            + copy.root().digest()
            + " ("
            + promotion.predicateType()
            + "): manifest "
            + promotion.attestations().get(0).manifest());
  }
}
