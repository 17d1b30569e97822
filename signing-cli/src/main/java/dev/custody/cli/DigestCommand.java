package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody digest IMAGE}: resolves the image once and prints its manifest digest. */
@Command(
    name = "digest",
    description = {
      "Print the manifest digest (sha256:<hex>) of an image.",
      "A tag is resolved once; for a multi-platform image this is the index digest. Exit 0, or 3"
          + " if the image is not there."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody digest oci:examples/src/main/resources/demo-layout:v1",
      "  custody digest registry.example.com/team/app:1.4",
      "  custody --output json digest oci:./offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class DigestCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = {
        "HOST[:PORT]/REPO[:TAG|@DIGEST] (a registry), or",
        "oci:DIR[:TAG|@DIGEST] (an OCI layout on disk)."
      })
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    Descriptor descriptor = main.custody(image).resolve(image);
    if (main.output() == OutputFormat.JSON) {
      spec.commandLine()
          .getOut()
          .println(
              new JsonObject()
                  .put("image", image.toString())
                  .put("digest", descriptor.digest().toString())
                  .put("mediaType", descriptor.mediaType().value())
                  .put("size", descriptor.size())
                  .toJson());
    } else {
      spec.commandLine().getOut().println(descriptor.digest());
    }
    return ExitCodes.OK;
  }
}
