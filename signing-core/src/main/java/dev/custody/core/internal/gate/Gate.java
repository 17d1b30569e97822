package dev.custody.core.internal.gate;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.gate.GateImage;
import dev.custody.gate.GateOptions;
import dev.custody.gate.GateReport;
import dev.custody.gate.GateVerdict;
import dev.custody.gate.ImageLocation;
import dev.custody.gate.PinnedFile;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The deployment gate: reads deployment files, resolves each distinct tag once through an {@link
 * ImageResolver}, checks each distinct repository and digest once through an {@link ImageCheck}
 * (given the reference pinned to that digest), reports every image with its verdict and
 * locations, and — when asked and when every image passed — pins every occurrence to the digest
 * that was resolved and verified.
 *
 * <p>Thread-safe: each {@link #run} call has its own bounds, caches and pool.
 */
public final class Gate {
  private final ImageResolver resolver;
  private final ImageCheck check;
  private final GateOptions options;

  /**
   * Creates a gate.
   *
   * @param resolver resolves a tag; called once per distinct reference without a digest per run
   * @param check verifies one image pinned to a digest; called once per distinct repository and
   *     digest per run
   * @param options pinning, output, bounds and concurrency
   */
  public Gate(ImageResolver resolver, ImageCheck check, GateOptions options) {
    this.resolver = requireNonNull(resolver, "resolver");
    this.check = requireNonNull(check, "check");
    this.options = requireNonNull(options, "options");
  }

  /**
   * Runs the gate over files.
   *
   * @param files the deployment files, in order
   * @return the report
   * @throws CustodyException if a file cannot be read, is malformed or exceeds a bound, or the
   *     output cannot be written
   */
  public GateReport run(List<Path> files) throws CustodyException {
    List<DeploymentSource> sources = new ArrayList<>();
    long left = options.maxBytes();
    for (Path file : files) {
      DeploymentSource source = DeploymentSource.read(file, left, options.maxBytes());
      left -= source.size();
      sources.add(source);
    }
    return runSources(sources);
  }

  /**
   * Runs the gate over one text already in memory (standard input, an admission request).
   *
   * @param name the name used in locations and messages, e.g. {@code -} for standard input
   * @param content the UTF-8 bytes
   * @return the report
   * @throws CustodyException if the text is malformed or exceeds a bound, or the output cannot be
   *     written
   */
  public GateReport runText(Path name, byte[] content) throws CustodyException {
    requireNonNull(name, "name");
    if (content.length > options.maxBytes()) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "read deployment " + name + ": larger than " + options.maxBytes() + " bytes");
    }
    return runSources(List.of(DeploymentSource.decode(name, content)));
  }

  private GateReport runSources(List<DeploymentSource> sources) throws CustodyException {
    DeploymentReader reader = new DeploymentReader(options);
    for (DeploymentSource source : sources) {
      reader.read(source);
    }
    List<ImageOccurrence> occurrences = reader.images();
    Map<ImageReference, List<ImageOccurrence>> byImage = new LinkedHashMap<>();
    for (ImageOccurrence o : occurrences) {
      byImage.computeIfAbsent(o.reference(), r -> new ArrayList<>()).add(o);
    }
    Map<ImageReference, ResolvedCheck> results =
        new DistinctImageChecks(resolver, check, options).checkAll(byImage.keySet());

    List<GateImage> images = new ArrayList<>();
    Map<ImageReference, Digest> verified = new LinkedHashMap<>();
    for (Map.Entry<ImageReference, List<ImageOccurrence>> e : byImage.entrySet()) {
      GateImage image = verdict(e.getKey(), results.get(e.getKey()), e.getValue());
      images.add(image);
      if (image.passed()) {
        verified.put(e.getKey(), image.digest().orElseThrow());
      }
    }
    boolean passed = images.stream().allMatch(GateImage::passed);
    List<PinnedFile> pinned = List.of();
    if (options.pin() && passed) {
      pinned = pin(sources, occurrences, verified);
      if (options.output().isPresent()) {
        PinnedOutput.write(options.output().get(), pinned);
      }
    }
    return new GateReport(images, reader.skipped(), pinned);
  }

  private static GateImage verdict(
      ImageReference reference, ResolvedCheck resolved, List<ImageOccurrence> occurrences) {
    List<ImageLocation> locations =
        occurrences.stream().map(ImageOccurrence::location).collect(Collectors.toList());
    CheckResult result = resolved.result();
    if (result.error().isPresent()) {
      CustodyException e = result.error().get();
      return new GateImage(
          reference,
          Optional.empty(),
          GateVerdict.ERROR,
          List.of(e.getMessage()),
          Optional.of(e.reason()),
          locations,
          Optional.empty(),
          Optional.empty());
    }
    CheckOutcome outcome = result.outcome().orElseThrow();
    GateVerdict verdict = outcome.passed() ? GateVerdict.PASS : GateVerdict.FAIL;
    List<String> reasons = new ArrayList<>(outcome.reasons());
    Digest pinned = resolved.digest().orElseThrow();
    if (outcome.digest().isPresent() && !pinned.equals(outcome.digest().get())) {
      // The check was given the image pinned to this digest; one that verified another digest
      // verified the wrong image, and the gate must not pin what it did not verify.
      verdict = GateVerdict.FAIL;
      reasons.add(
          "the check verified "
              + outcome.digest().get()
              + (reference.digest().isPresent()
                  ? " but the deployment names "
                  : " but " + reference + " resolved to ")
              + pinned);
    }
    return new GateImage(
        reference,
        Optional.of(pinned),
        verdict,
        reasons,
        Optional.empty(),
        locations,
        outcome.custodyReport(),
        outcome.signatureReport());
  }

  private List<PinnedFile> pin(
      List<DeploymentSource> sources,
      List<ImageOccurrence> occurrences,
      Map<ImageReference, Digest> digests)
      throws InvalidInputException {
    List<PinnedFile> out = new ArrayList<>();
    for (DeploymentSource source : sources) {
      ScalarSplice splice = new ScalarSplice(source.text());
      Map<String, String> expected = new LinkedHashMap<>();
      for (ImageOccurrence o : occurrences) {
        if (o.location().file().equals(source.file())) {
          String value =
              PinnedReferences.pin(
                  o.location().written(), o.reference(), digests.get(o.reference()));
          splice.replace(o.scalar(), value);
          expected.put(key(o.location()), value);
        }
      }
      String content = splice.apply();
      checkPinned(source.file(), content, expected);
      out.add(new PinnedFile(source.file(), content, splice.size()));
    }
    return out;
  }

  /**
   * Reads the pinned text back and checks that it holds exactly the pinned images at exactly the
   * places the original held images; a splice that YAML read differently would be caught here
   * rather than deployed.
   */
  private void checkPinned(Path file, String content, Map<String, String> expected)
      throws InvalidInputException {
    DeploymentReader reread = new DeploymentReader(options);
    reread.read(new DeploymentSource(file, content));
    Map<String, String> found = new LinkedHashMap<>();
    for (ImageOccurrence o : reread.images()) {
      found.put(key(o.location()), o.location().written());
    }
    if (!found.equals(expected)) {
      throw new InvalidInputException(
          "pin "
              + file
              + ": the pinned text does not read back as the pinned images (expected "
              + Texts.shorten(expected.toString(), 300)
              + ", got "
              + Texts.shorten(found.toString(), 300)
              + ")");
    }
  }

  private static String key(ImageLocation location) {
    return location.document() + "/" + location.path();
  }
}
