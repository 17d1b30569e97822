package dev.custody.core.internal.gate;

import dev.custody.InvalidInputException;
import dev.custody.gate.GateOptions;
import dev.custody.gate.SkippedDocument;
import java.util.ArrayList;
import java.util.List;

/** Reads the images of deployment files, within one run's bounds. Not thread-safe. */
final class DeploymentReader {
  private final Budget budget;
  private final int maxImageLength;
  private final List<ImageOccurrence> images = new ArrayList<>();
  private final List<SkippedDocument> skipped = new ArrayList<>();

  DeploymentReader(GateOptions options) {
    this.budget = new Budget(options);
    this.maxImageLength = options.maxImageLength();
  }

  /** Reads one file's documents; images and skipped documents accumulate across calls. */
  void read(DeploymentSource source) throws InvalidInputException {
    WorkloadImages.Collector collector =
        new WorkloadImages.Collector() {
          @Override
          public void image(ImageOccurrence occurrence) {
            images.add(occurrence);
          }

          @Override
          public void skipped(SkippedDocument document) {
            skipped.add(document);
          }
        };
    YamlDocuments.read(
        source.text(),
        source.file().toString(),
        budget,
        (index, line, root) ->
            WorkloadImages.collect(
                source.file(), index, line, root, budget, maxImageLength, collector));
  }

  /** {@return every image occurrence read so far, in file, document and path order} */
  List<ImageOccurrence> images() {
    return List.copyOf(images);
  }

  /** {@return the documents skipped so far} */
  List<SkippedDocument> skipped() {
    return List.copyOf(skipped);
  }
}
