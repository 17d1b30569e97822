package dev.custody.core.internal.verify;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException;
import dev.custody.core.internal.attach.CandidateBudget;
import dev.custody.core.internal.attach.SignatureSchemes;
import dev.custody.oci.Descriptor;
import dev.custody.oci.ImageIndex;
import dev.custody.oci.ImageReference;
import dev.custody.oci.Manifest;
import dev.custody.policy.Evidence;
import dev.custody.policy.EvidenceKind;
import dev.custody.policy.SignatureFormat;
import dev.custody.store.ArtifactStore;
import dev.custody.verify.PlatformSignatures;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The way of a verification (ARCHITECTURE.md) for plain signatures: resolve once, discover every
 * signature of every requested format (bounded), verify each, and report all of them. "No
 * signatures at all" and "signatures, none trusted" are different outcomes. A Notary trust policy
 * statement of level {@code skip} for the image is {@link SignatureOutcome#SKIPPED}, a pass
 * without any verified signature, as notation reports it. Thread-safe.
 */
public final class VerifyService {
  private final SignatureSchemes schemes;

  /** @param schemes the available schemes */
  public VerifyService(SignatureSchemes schemes) {
    this.schemes = requireNonNull(schemes, "schemes");
  }

  /**
   * Verifies the image in {@code store}.
   *
   * @param store the repository holding the image
   * @param image the reference as given
   * @param options what to trust and require
   * @return the report
   * @throws CustodyException if the store fails or a bound is exceeded
   */
  public SignatureReport verify(ArtifactStore store, ImageReference image, VerifyOptions options)
      throws CustodyException {
    Descriptor resolved = store.resolve(image.tagOrDigest());
    ImageReference pinned = image.withDigest(resolved.digest());
    // A format whose trust asks for no verification (Notary level skip) is not examined at all,
    // as notation reads no signature then; platforms share the repository, so the same holds.
    Set<SignatureFormat> formats = EnumSet.noneOf(SignatureFormat.class);
    List<String> skipped = new ArrayList<>();
    for (SignatureFormat format : options.formats()) {
      if (schemes.supports(format)) {
        Optional<String> skip = schemes.forFormat(format).skippedBy(pinned, options);
        skip.ifPresentOrElse(skipped::add, () -> formats.add(format));
      }
    }
    List<Evidence> examined = examine(store, pinned, resolved, options, formats);
    List<PlatformSignatures> platforms = new ArrayList<>();
    if (options.requireAllPlatforms() && resolved.mediaType().isIndex()) {
      Manifest manifest = store.manifest(resolved.digest());
      for (Descriptor child : ((ImageIndex) manifest).manifests()) {
        List<Evidence> childEvidence =
            examine(store, pinned.pinned(child.digest()), child, options, formats);
        platforms.add(new PlatformSignatures(child.platform(), child.digest(), childEvidence));
      }
    }
    SignatureReport report = report(image, resolved, examined, platforms);
    if (report.outcome() == SignatureOutcome.VERIFIED || skipped.isEmpty()) {
      return report;
    }
    return new SignatureReport(
        image,
        resolved,
        SignatureOutcome.SKIPPED,
        "signature verification skipped for "
            + image
            + " ("
            + resolved.digest()
            + "): "
            + String.join("; ", skipped)
            + "; no signature was verified",
        examined,
        platforms);
  }

  private List<Evidence> examine(
      ArtifactStore store,
      ImageReference pinned,
      Descriptor subject,
      VerifyOptions options,
      Set<SignatureFormat> formats)
      throws CustodyException {
    CandidateBudget budget = new CandidateBudget(options.maxSignatures());
    List<Evidence> evidence = new ArrayList<>();
    for (SignatureFormat format : formats) {
      evidence.addAll(schemes.forFormat(format).examine(store, pinned, subject, options, budget));
    }
    return evidence.stream()
        .filter(e -> e.kind() == EvidenceKind.SIGNATURE)
        .collect(Collectors.toUnmodifiableList());
  }

  static SignatureReport report(
      ImageReference image,
      Descriptor resolved,
      List<Evidence> examined,
      List<PlatformSignatures> platforms) {
    String subject = image + " (" + resolved.digest() + ")";
    if (examined.isEmpty()) {
      return new SignatureReport(
          image,
          resolved,
          SignatureOutcome.NO_SIGNATURES,
          "no signatures found for " + subject + "; sign it first (custody sign)",
          examined,
          platforms);
    }
    if (examined.stream().noneMatch(Evidence::isVerified)) {
      return new SignatureReport(
          image,
          resolved,
          SignatureOutcome.NONE_TRUSTED,
          examined.size()
              + " signature(s) found for "
              + subject
              + ", none verified with the trusted keys; see each signature's reason",
          examined,
          platforms);
    }
    List<String> unsigned =
        platforms.stream()
            .filter(p -> !p.verified())
            .map(p -> p.platform().map(Object::toString).orElse("?") + " " + p.digest())
            .collect(Collectors.toList());
    if (!unsigned.isEmpty()) {
      return new SignatureReport(
          image,
          resolved,
          SignatureOutcome.PLATFORMS_UNSIGNED,
          "the index is signed, but these platform manifests have no trusted signature: "
              + String.join(", ", unsigned)
              + "; sign with --recursive",
          examined,
          platforms);
    }
    long verified = examined.stream().filter(Evidence::isVerified).count();
    return new SignatureReport(
        image,
        resolved,
        SignatureOutcome.VERIFIED,
        verified + " of " + examined.size() + " signature(s) verified for " + subject,
        examined,
        platforms);
  }
}
