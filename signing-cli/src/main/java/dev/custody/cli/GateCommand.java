package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.gate.GateImage;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateRequest;
import dev.custody.gate.GateVerdict;
import dev.custody.gate.ImageLocation;
import dev.custody.gate.PinnedFile;
import dev.custody.sign.KeyRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody gate}: verifies every image in Kubernetes / Azure Container Instances deployment
 * YAML (one {@code Custody.gate} call) and, with {@code --pin}, writes the YAML with each image
 * pinned to the digest that was verified. Exit 0 only when every image passes; 1 when any image
 * fails its check; when images could only not be checked (registry unreachable, image outside the
 * policy's scopes), the exit code of the first such error (3 or 2).
 */
@Command(
    name = "gate",
    description = {
      "Verify every image in Kubernetes or ACI deployment YAML before it is deployed.",
      "Each distinct image is resolved once and checked against a custody policy (--policy) or"
          + " for a signature by one key (--key). With --pin, the YAML is written with every"
          + " image pinned to the digest that was verified (repo@sha256:...), closing the gap"
          + " between check and pull. Exit 0 only if every image passes; 1 if any fails (stderr"
          + " names each, where it is used and why)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody gate --policy payments-prod.yaml deploy/*.yaml",
      "  custody gate --key release.pub --pin -o deploy.pinned.yaml deploy.yaml",
      "  custody gate --key release.pub --pin aci-group.yaml > aci-group.pinned.yaml",
      "  custody --output json gate --policy payments-prod.yaml deploy.yaml aci-group.yaml"
    },
    mixinStandardHelpOptions = true)
final class GateCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(names = "--policy", paramLabel = "FILE", description = "The custody policy to evaluate.")
  private Path policy;

  @Option(names = "--key", paramLabel = "PUB", description = "Require a signature by this public key.")
  private String key;

  @Option(names = "--pin", description = "Write the YAML with every image pinned to its verified digest.")
  private boolean pin;

  @Option(
      names = "-o",
      paramLabel = "OUT",
      description = "Where the pinned YAML goes (default: stdout); written only when every image passes.")
  private Path output;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Deployment YAML files.")
  private List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws CustodyException {
    if ((policy == null) == (key == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "say what to check: exactly one of --policy FILE or --key PUB");
    }
    if (output != null && !pin) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-o needs --pin");
    }
    if (pin && main.output() == OutputFormat.JSON && output == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--output json with --pin needs -o OUT (stdout carries the JSON report)");
    }
    Custody custody = main.custody();
    GateRequest.Builder request = GateRequest.builder().files(files);
    if (policy != null) {
      request.policy(custody.readPolicy(policy));
    } else {
      request.signer(custody.trustedKey(key, KeyRef.parse(key)));
    }
    GateOptions.Builder options = GateOptions.builder().pin(pin);
    if (output != null) {
      options.output(output);
    }
    GateReport report = custody.gate(request.build(), options.build());
    print(report);
    if (report.passed()) {
      return ExitCodes.OK;
    }
    return exitCode(report);
  }

  private int exitCode(GateReport report) {
    PrintWriter err = spec.commandLine().getErr();
    List<GateImage> failures = report.failures();
    err.println("custody: " + failures.size() + " image(s) did not pass the gate:");
    for (GateImage image : failures) {
      err.println("  " + image.reference() + ": " + String.join("; ", image.reasons()));
      for (ImageLocation location : image.locations()) {
        err.println("    at " + where(location));
      }
    }
    if (failures.stream().anyMatch(i -> i.verdict() == GateVerdict.FAIL)) {
      err.println("hint: fix or re-sign the images named above; nothing was pinned");
      return ExitCodes.VERIFICATION_FAILED;
    }
    CustodyException.Reason reason = failures.get(0).error().orElseThrow();
    String hint = ExitCodes.hint(reason);
    if (!hint.isEmpty()) {
      err.println("hint: " + hint);
    }
    return ExitCodes.of(reason);
  }

  private void print(GateReport report) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(json(report).toJson());
      return;
    }
    if (pin && output == null && report.passed()) {
      // stdout is the pinned YAML, so it can be piped straight to kubectl apply; the summary goes to stderr.
      for (PinnedFile file : report.pinned()) {
        out.print(file.content());
      }
      out.flush();
      summary(spec.commandLine().getErr(), report);
      return;
    }
    summary(out, report);
  }

  private static void summary(PrintWriter out, GateReport report) {
    for (GateImage image : report.images()) {
      out.println(
          image.verdict().name().toLowerCase(java.util.Locale.ROOT)
              + "  "
              + image.reference()
              + image.digest().map(d -> "@" + d).orElse("")
              + "  ("
              + image.locations().size()
              + " location(s))");
    }
    out.println(
        (report.passed() ? "pass" : "fail")
            + ": "
            + report.images().stream().filter(GateImage::passed).count()
            + " of "
            + report.images().size()
            + " image(s) passed");
  }

  private static String where(ImageLocation location) {
    return location.file()
        + " document "
        + location.document()
        + " line "
        + location.line()
        + " "
        + location.path()
        + location.container().map(c -> " (container " + c + ")").orElse("");
  }

  private static JsonObject json(GateReport report) {
    List<JsonObject> images =
        report.images().stream()
            .map(
                image ->
                    new JsonObject()
                        .put("image", image.reference().toString())
                        .put("digest", image.digest().map(Object::toString))
                        .put("verdict", image.verdict().name().toLowerCase(java.util.Locale.ROOT))
                        .putStrings("reasons", image.reasons())
                        .putObjects(
                            "locations",
                            image.locations().stream()
                                .map(
                                    l ->
                                        new JsonObject()
                                            .put("file", l.file().toString())
                                            .put("document", l.document())
                                            .put("line", l.line())
                                            .put("path", l.path())
                                            .put("container", l.container())
                                            .put("written", l.written()))
                                .collect(Collectors.toList())))
            .collect(Collectors.toList());
    return new JsonObject().put("verdict", report.passed() ? "pass" : "fail").putObjects("images", images);
  }
}
