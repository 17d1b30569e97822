package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.store.CopyResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody export IMAGE oci:DIR}: writes the image and its whole custody to an OCI layout and
 * records the source repository there (one {@code Custody.export} call), for verification with no
 * network.
 */
@Command(
    name = "export",
    description = {
      "Write an image and its whole custody to an OCI layout for offline verification.",
      "Signatures, attestations and other referrers go along, digests unchanged, and the source"
          + " repository is recorded, so verify, verify-attestation and verify-custody work on the"
          + " layout with no network, under the policy scopes of the source. On a terminal,"
          + " progress goes to stderr."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody export registry.example/payments/api:1.4 oci:./offline",
      "  custody verify-custody --policy payments-prod.yaml oci:./offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "The image to export; a tag is resolved once.")
  private ImageReference image;

  @Parameters(
      index = "1",
      paramLabel = "oci:DIR",
      converter = ImageReferenceConverter.class,
      description =
          "The layout directory (created if missing); oci:DIR:TAG names the image there,"
              + " otherwise the image's own tag does (if it has one).")
  private ImageReference layout;

  @Override
  public Integer call() throws CustodyException {
    if (!layout.isLayout()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "export writes an OCI layout: expected oci:DIR as the destination, got "
              + layout
              + " (use copy to copy between registries)");
    }
    CopyResult result =
        main.custody(image)
            .export(
                image,
                layout,
                CopyProgress.of(main.showsProgress(), "custody export", spec.commandLine().getErr()));
    ImageReference offline = result.destination().withDigest(result.root().digest());
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(
          new JsonObject()
              .put("source", image.toString())
              .put("destination", result.destination().toString())
              .put("digest", result.root().digest().toString())
              .put("attachments", result.attachments())
              .put("blobsCopied", result.blobsCopied())
              .put("blobsSkipped", result.blobsSkipped())
              .put(
                  "recordedSource",
                  image.isLayout() ? Optional.<String>empty() : Optional.of(image.context()))
              .put("offlineReference", offline.toString())
              .toJson());
    } else {
      out.printf(
          "exported %s to %s (%s): %d attachment(s), %d blob(s) copied, %d already present%n",
          image,
          result.destination(),
          result.root().digest(),
          result.attachments(),
          result.blobsCopied(),
          result.blobsSkipped());
      if (!image.isLayout()) {
        out.println("recorded source repository " + image.context());
      }
      out.println("verify offline with " + offline);
    }
    return ExitCodes.OK;
  }
}
