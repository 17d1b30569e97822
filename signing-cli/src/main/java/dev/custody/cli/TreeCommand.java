package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.store.Attachment;
import dev.custody.store.Attachments;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody tree}: lists the signatures, attestations, SBOMs and other referrers attached to
 * an image (one {@code Custody.attachments} call). Nothing is verified: {@code verify} does that.
 */
@Command(
    name = "tree",
    description = {
      "List the signatures, attestations and other referrers attached to an image.",
      "Shows cosign .sig/.att/.sbom tags (one line per signature layer), OCI referrers and"
          + " referrers listed only by the referrers tag schema. Nothing is verified here; use"
          + " verify, verify-attestation or verify-custody for that."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody tree registry.example.com/team/app:1.4",
      "  custody --output json tree oci:./offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class TreeCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    Attachments attachments = main.custody(image).attachments(image);
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(json(attachments).toJson());
      return ExitCodes.OK;
    }
    String subject = attachments.image() + " (" + attachments.resolved().digest() + ")";
    if (attachments.attachments().isEmpty()) {
      out.println("No attachments found for " + subject);
      return ExitCodes.OK;
    }
    out.println("Attachments of " + subject + ":");
    List<Attachment> all = attachments.attachments();
    for (int i = 0; i < all.size(); i++) {
      boolean last = i == all.size() - 1;
      Attachment a = all.get(i);
      out.println((last ? "└── " : "├── ") + describe(a));
      List<Digest> layers = a.layers();
      for (int j = 0; j < layers.size(); j++) {
        out.println((last ? "    " : "│   ") + (j == layers.size() - 1 ? "└── " : "├── ") + layers.get(j));
      }
    }
    return ExitCodes.OK;
  }

  private static String describe(Attachment a) {
    StringBuilder line = new StringBuilder(a.kind().id()).append("  ").append(a.storage().id());
    a.tag().ifPresent(tag -> line.append("  ").append(tag));
    line.append("  ").append(a.digest());
    a.artifactType().ifPresent(type -> line.append("  ").append(type));
    a.predicateType().ifPresent(type -> line.append("  predicate ").append(type));
    return line.toString();
  }

  /** The document the README's "tree JSON" section describes. */
  static JsonObject json(Attachments attachments) {
    return new JsonObject()
        .put("image", attachments.image().toString())
        .put("digest", attachments.resolved().digest().toString())
        .putObjects(
            "attachments",
            attachments.attachments().stream()
                .map(
                    a ->
                        new JsonObject()
                            .put("kind", a.kind().id())
                            .put("storage", a.storage().id())
                            .put("digest", a.digest().toString())
                            .put("artifactType", a.artifactType())
                            .put("tag", a.tag())
                            .put("predicateType", a.predicateType())
                            .putStrings(
                                "layers",
                                a.layers().stream().map(Digest::toString).collect(Collectors.toList())))
                .collect(Collectors.toList()));
  }
}
