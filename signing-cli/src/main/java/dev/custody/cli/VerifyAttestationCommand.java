package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.attest.AttestationOutcome;
import dev.custody.attest.AttestationReport;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.PlatformEvidence;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyRef;
import dev.custody.verify.VerifyOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code custody verify-attestation}: verifies an image's attestations of one predicate type
 * against a public key or certificate roots with a subject DN, in every storage mode (one {@code Custody.verifyAttestations} call), and
 * reports every candidate examined. Exit 0 only for {@link AttestationOutcome#VERIFIED}; 1 for
 * every other outcome (a missing attestation is a failure, never a pass).
 */
@Command(
    name = "verify-attestation",
    description = {
      "Verify an image's attestations of one predicate type and report every one examined.",
      "Trust is one public key (--key) or root certificates with the signing certificate's"
          + " subject (--certificate-roots with --certificate-identity).",
      "Exit 0 only if a statement signed by a trusted signer names exactly this digest (and, with"
          + " --require-all-platforms, every platform manifest too); 1 otherwise, also when"
          + " there is no attestation at all."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody verify-attestation --key ci.pub --type slsaprovenance1 registry.example/app:1.4",
      "  custody verify-attestation --certificate-roots ca.pem \\",
      "      --certificate-identity 'CN=Build,O=Example' --type slsaprovenance1 registry.example/app:1.4",
      "  custody --output json verify-attestation --key scanner.pub --type vuln oci:offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class VerifyAttestationCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(names = "--key", paramLabel = "PUB", description = "The trusted public key (PEM file).")
  private String key;

  @Mixin private CertificateTrustOptions certificates = new CertificateTrustOptions();

  @Option(
      names = "--type",
      required = true,
      paramLabel = "T",
      converter = PredicateTypeOption.class,
      description =
          "The predicate type: a short name (slsaprovenance1, vuln, approval, …) or a URI.")
  private String type;

  @Option(
      names = "--require-all-platforms",
      description =
          "For an image index, require a verified attestation on every platform manifest.")
  private boolean requireAllPlatforms;

  @Option(
      names = "--max-attestations",
      paramLabel = "N",
      defaultValue = "" + VerifyOptions.DEFAULT_MAX_SIGNATURES,
      description =
          "Examine at most N candidates per manifest; more is an error (default:"
              + " ${DEFAULT-VALUE}).")
  private int maxAttestations;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    if (maxAttestations < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-attestations: expected at least 1, got " + maxAttestations);
    }
    if (key == null && !certificates.given()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "say what to trust: --key PUB, or --certificate-roots FILE with --certificate-identity DN");
    }
    if (key != null && certificates.given()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--key and --certificate-roots/--certificate-identity exclude each other; give one way"
              + " to trust signers");
    }
    Optional<TrustedSigner> certificateSigner = certificates.signer(spec);
    Custody custody = main.custody(image);
    TrustedSigner signer =
        certificateSigner.isPresent()
            ? certificateSigner.get()
            : custody.trustedKey(key, KeyRef.parse(key));
    Map<Digest, String> names =
        signer.keyFingerprint().map(f -> Map.of(f, signer.name())).orElse(Map.of());
    VerifyOptions options =
        VerifyOptions.builder()
            .signers(List.of(signer))
            .requireAllPlatforms(requireAllPlatforms)
            .maxSignatures(maxAttestations)
            .build();
    AttestationReport report = custody.verifyAttestations(image, options, type);
    print(report, names);
    if (report.passed()) {
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("custody: " + report.outcome() + ": " + report.message());
    String hint = hint(report.outcome());
    if (!hint.isEmpty()) {
      err.println("hint: " + hint);
    }
    return ExitCodes.VERIFICATION_FAILED;
  }

  private static String hint(AttestationOutcome outcome) {
    switch (outcome) {
      case NO_ATTESTATIONS:
        return "attest the image first (custody attest --key KEY --type T --predicate FILE IMAGE),"
            + " or check the reference and --type";
      case NONE_VERIFIED:
        return "check that you trust the key or certificate the attestations were signed with"
            + " (for --certificate-identity, the leaf's exact subject DN); each candidate's reason"
            + " is listed above";
      case PLATFORMS_UNATTESTED:
        return "attest the index with --recursive so every platform manifest is attested";
      default:
        return "";
    }
  }

  private void print(AttestationReport report, Map<Digest, String> names) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(json(report, names).toJson());
      return;
    }
    for (Evidence evidence : report.examined()) {
      out.println(line(evidence, names));
    }
    for (PlatformEvidence platform : report.platforms()) {
      boolean verified = platform.evidence().stream().anyMatch(Evidence::isVerified);
      out.println(
          "platform "
              + platform.platform()
              + "  "
              + platform.digest()
              + "  "
              + (verified ? "verified" : "NOT VERIFIED"));
      for (Evidence evidence : platform.evidence()) {
        out.println("  " + line(evidence, names));
      }
    }
    out.println(report.outcome() + ": " + report.message());
  }

  /** {@code storage signer verified|REASON [detail]}, one candidate per line. */
  private static String line(Evidence evidence, Map<Digest, String> names) {
    String signer = evidence.verifiedBy().map(identity -> named(identity, names)).orElse("-");
    String outcome = evidence.failure().map(Enum::name).orElse("verified");
    String detail = evidence.failureDetail().isEmpty() ? "" : "  " + evidence.failureDetail();
    return evidence.storage().id() + "  " + signer + "  " + outcome + detail;
  }

  private static String named(SignerIdentity identity, Map<Digest, String> names) {
    Optional<String> name = identity.keyFingerprint().map(names::get);
    return name.map(n -> n + " (" + identity + ")").orElse(identity.toString());
  }

  /** The document the README's "verify-attestation JSON" section describes. */
  static JsonObject json(AttestationReport report, Map<Digest, String> names) {
    return new JsonObject()
        .put("image", report.image().toString())
        .put("digest", report.resolved().digest().toString())
        .put("predicateType", report.predicateType())
        .put("outcome", report.outcome().name())
        .put("passed", report.passed())
        .put("message", report.message())
        .putObjects("attestations", evidence(report.examined(), names))
        .putObjects(
            "platforms",
            report.platforms().stream()
                .map(
                    p ->
                        new JsonObject()
                            .put("platform", p.platform().toString())
                            .put("digest", p.digest().toString())
                            .put("verified", p.evidence().stream().anyMatch(Evidence::isVerified))
                            .putObjects("attestations", evidence(p.evidence(), names)))
                .collect(Collectors.toList()));
  }

  private static List<JsonObject> evidence(List<Evidence> examined, Map<Digest, String> names) {
    return examined.stream()
        .map(
            e ->
                new JsonObject()
                    .put("predicateType", e.predicateType())
                    .put("storage", e.storage().id())
                    .put("signer", e.verifiedBy().map(identity -> named(identity, names)))
                    .put("verified", e.isVerified())
                    .put("reason", e.failure().map(Enum::name))
                    .put("detail", e.failureDetail())
                    .put("signedTime", e.signedTime().map(Object::toString))
                    .put("subject", e.subject().toString())
                    .put("ref", e.ref().toString()))
        .collect(Collectors.toList());
  }
}
