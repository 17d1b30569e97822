package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.policy.CustodyPolicy;
import dev.custody.policy.CustodyReport;
import dev.custody.policy.PlatformResult;
import dev.custody.policy.ReportFormat;
import dev.custody.policy.StageResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody verify-custody --policy FILE IMAGE}: evaluates a custody policy (POLICY.md)
 * against the image ({@code Custody.readPolicy} and {@code Custody.verifyCustody}) and prints the
 * custody report: text, or POLICY.md's JSON with {@code --output json}. Exit 0 only for the verdict
 * pass, 1 for fail; a policy mistake or an image outside every scope is 2.
 */
@Command(
    name = "verify-custody",
    description = {
      "Evaluate a custody policy against an image and print the custody report.",
      "The report lists every stage, the evidence that satisfied it and why every other"
          + " candidate was rejected. Exit 0 only for the verdict pass; 1 if a stage fails; 2 for"
          + " a bad policy or an image outside the policy's scopes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody verify-custody --policy payments-prod.yaml registry.example/payments/api:1.4",
      "  custody --output json verify-custody --policy payments-prod.yaml oci:offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class VerifyCustodyCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The custody policy (YAML or JSON); key paths in it are relative to it.")
  private Path policyFile;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    Custody custody = main.custody(image);
    CustodyPolicy policy = custody.readPolicy(policyFile);
    CustodyReport report = custody.verifyCustody(image, policy);
    print(custody, report, spec.commandLine().getOut(), main.output());
    if (report.passed()) {
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("custody: " + failureSummary(report));
    return ExitCodes.VERIFICATION_FAILED;
  }

  /** Prints the report in the chosen format (shared with {@code copy --promote}). */
  static void print(Custody custody, CustodyReport report, PrintWriter out, OutputFormat format)
      throws CustodyException {
    out.print(
        custody.render(
            report, format == OutputFormat.JSON ? ReportFormat.JSON : ReportFormat.TEXT));
    out.flush();
  }

  /** {@return one line naming the policy and every failed stage with its reason} */
  static String failureSummary(CustodyReport report) {
    List<String> failed = new ArrayList<>();
    for (StageResult stage : report.stages()) {
      if (!stage.satisfied()) {
        failed.add(stage.name() + " (" + stage.reason().map(Enum::name).orElse("FAILED") + ")");
      }
    }
    for (PlatformResult platform : report.platforms()) {
      for (StageResult stage : platform.stages()) {
        if (!stage.satisfied()) {
          failed.add(
              platform.platform()
                  + " "
                  + stage.name()
                  + " ("
                  + stage.reason().map(Enum::name).orElse("FAILED")
                  + ")");
        }
      }
    }
    return "custody policy "
        + report.policy()
        + " failed for "
        + report.image()
        + " ("
        + report.digest()
        + "): "
        + (failed.isEmpty() ? "see the report" : "stage " + String.join(", ", failed));
  }
}
