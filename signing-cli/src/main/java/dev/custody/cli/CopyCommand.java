package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.store.CopyResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody copy SRC DST}: copies an image with its signatures, attestations and other
 * attachments, digests unchanged.
 */
@Command(
    name = "copy",
    description = {
      "Copy an image with every signature, attestation and other attachment (digests unchanged).",
      "Blobs the destination already has are skipped; within one registry they are mounted."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody copy staging.example.com/app:1.4 prod.example.com/app:1.4",
      "  custody copy myacr.azurecr.io/app@sha256:<hex> oci:./offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class CopyCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC", converter = ImageReferenceConverter.class,
      description = "The image to copy; a tag is resolved once.")
  private ImageReference source;

  @Parameters(index = "1", paramLabel = "DST", converter = ImageReferenceConverter.class,
      description = "Where it goes (registry or oci:DIR); a tag here is set on the copy.")
  private ImageReference destination;

  @Override
  public Integer call() throws CustodyException {
    CopyResult result = main.custody().copy(source, destination);
    if (main.output() == OutputFormat.JSON) {
      spec.commandLine()
          .getOut()
          .println(
              new JsonObject()
                  .put("source", source.toString())
                  .put("destination", destination.toString())
                  .put("digest", result.root().digest().toString())
                  .put("attachments", result.attachments())
                  .put("blobsCopied", result.blobsCopied())
                  .put("blobsSkipped", result.blobsSkipped())
                  .toJson());
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "copied %s to %s (%s): %d attachment(s), %d blob(s) copied, %d already present%n",
              source,
              destination,
              result.root().digest(),
              result.attachments(),
              result.blobsCopied(),
              result.blobsSkipped());
    }
    return ExitCodes.OK;
  }
}
