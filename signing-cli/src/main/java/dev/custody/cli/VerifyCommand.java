package dev.custody.cli;

import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import dev.custody.policy.Evidence;
import dev.custody.policy.SignatureFormat;
import dev.custody.policy.SignerIdentity;
import dev.custody.policy.TrustedSigner;
import dev.custody.sign.KeyRef;
import dev.custody.verify.PlatformSignatures;
import dev.custody.verify.SignatureOutcome;
import dev.custody.verify.SignatureReport;
import dev.custody.verify.VerifyOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * {@code custody verify}: verifies an image's signatures against a public key, certificate roots
 * with a subject DN, or a Notary trust policy and store (one {@code Custody.verify} call), and
 * reports every signature examined. Exit 0 when the outcome passes: {@link
 * SignatureOutcome#VERIFIED}, or {@link SignatureOutcome#SKIPPED} when the trust policy's level
 * is {@code skip} (with a warning, since nothing was verified); 1 for every other outcome.
 */
@Command(
    name = "verify",
    description = {
      "Verify an image's signatures and report every signature examined.",
      "Trust is one public key (--key), root certificates with the signing certificate's subject"
          + " (--certificate-roots with --certificate-identity), or a Notary trust policy and trust"
          + " store. Exit 0 only if a trusted signature names exactly this digest (and, with"
          + " --require-all-platforms, every platform manifest too), or if the trust policy's"
          + " level is skip (SKIPPED); 1 otherwise."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody verify --key release.pub registry.example.com/team/app:1.4",
      "  custody verify --key release.pub -a team=payments --require-all-platforms \\",
      "      registry.example.com/team/app:1.4",
      "  custody verify --certificate-roots ca.pem --certificate-identity 'CN=*,O=Example' \\",
      "      registry.example.com/team/app:1.4",
      "  custody verify --trust-policy trustpolicy.json --trust-store truststore \\",
      "      registry.example.com/team/app:1.4",
      "  custody --output json verify --key release.pub oci:./offline:1.4"
    },
    mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;

  @Option(names = "--key", paramLabel = "PUB", description = "The trusted public key (PEM file).")
  private String key;

  @Mixin private CertificateTrustOptions certificates = new CertificateTrustOptions();

  @Option(
      names = "--trust-policy",
      paramLabel = "F",
      description = "A Notary trust policy (trustpolicy.json); needs --trust-store.")
  private Path trustPolicy;

  @Option(
      names = "--trust-store",
      paramLabel = "DIR",
      description = "A Notary trust store directory (x509/ca/<name>/…); needs --trust-policy.")
  private Path trustStore;

  @Option(
      names = {"-a", "--annotations"},
      paramLabel = "KEY=VALUE",
      description = "Require this annotation in the signed payload; repeatable.")
  private List<String> annotations = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "cosign|notation|any",
      defaultValue = "any",
      description = "Signature formats considered (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--require-all-platforms",
      description = "For an image index, require a trusted signature on every platform manifest too.")
  private boolean requireAllPlatforms;

  @Option(
      names = "--max-signatures",
      paramLabel = "N",
      defaultValue = "" + VerifyOptions.DEFAULT_MAX_SIGNATURES,
      description = "Examine at most N signatures per manifest; more is an error (default: ${DEFAULT-VALUE}).")
  private int maxSignatures;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    checkTrustOptions();
    Optional<TrustedSigner> certificateSigner = certificates.signer(spec);
    if (maxSignatures < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-signatures: expected at least 1, got " + maxSignatures);
    }
    Custody custody = main.custody(image);
    VerifyOptions.Builder options =
        VerifyOptions.builder()
            .requiredAnnotations(Annotations.parse(spec, annotations))
            .formats(formats())
            .requireAllPlatforms(requireAllPlatforms)
            .maxSignatures(maxSignatures);
    Map<Digest, String> names = new HashMap<>();
    if (key != null) {
      TrustedSigner signer = custody.trustedKey(key, KeyRef.parse(key));
      signer.keyFingerprint().ifPresent(f -> names.put(f, signer.name()));
      options.signers(List.of(signer));
    } else if (certificateSigner.isPresent()) {
      options.signers(List.of(certificateSigner.get()));
    } else {
      options.notaryTrust(trustPolicy, trustStore);
    }
    SignatureReport report = custody.verify(image, options.build());
    print(report, names);
    if (report.outcome() == SignatureOutcome.SKIPPED) {
      // a pass without any verified signature: say so where a script's log will show it
      spec.commandLine()
          .getErr()
          .println(
              "custody: warning: SKIPPED: no signature was verified, because the trust policy's"
                  + " level is skip; anyone could have pushed this image");
      return ExitCodes.OK;
    }
    if (report.passed()) {
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("custody: " + report.outcome() + ": " + report.message());
    String hint = hint(report.outcome());
    if (!hint.isEmpty()) {
      spec.commandLine().getErr().println("hint: " + hint);
    }
    return ExitCodes.VERIFICATION_FAILED;
  }

  private void checkTrustOptions() {
    boolean notary = trustPolicy != null || trustStore != null;
    List<String> given = new ArrayList<>();
    if (key != null) {
      given.add("--key");
    }
    if (certificates.given()) {
      given.add("--certificate-roots/--certificate-identity");
    }
    if (notary) {
      given.add("--trust-policy/--trust-store");
    }
    if (given.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "say what to trust: --key PUB, --certificate-roots FILE with --certificate-identity DN,"
              + " or --trust-policy F with --trust-store DIR");
    }
    if (given.size() > 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          String.join(" and ", given) + " exclude each other; give one way to trust signers");
    }
    if (notary && (trustPolicy == null || trustStore == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--trust-policy and --trust-store go together");
    }
  }

  private EnumSet<SignatureFormat> formats() {
    String id = format.toLowerCase(Locale.ROOT);
    if (id.equals("any")) {
      return EnumSet.allOf(SignatureFormat.class);
    }
    return EnumSet.of(
        SignatureFormat.fromId(id)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--format: expected cosign, notation or any, got '" + format + "'")));
  }

  private static String hint(SignatureOutcome outcome) {
    switch (outcome) {
      case NONE_TRUSTED:
        return "check that you trust the key or certificate the image was signed with (for"
            + " --certificate-identity, the leaf's exact subject DN); each signature's reason is"
            + " listed above";
      case NO_SIGNATURES:
        return "sign the image first (custody sign --key KEY IMAGE), or check the reference";
      case PLATFORMS_UNSIGNED:
        return "sign the index with --recursive so every platform manifest is signed";
      default:
        return "";
    }
  }

  private void print(SignatureReport report, Map<Digest, String> names) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(json(report).toJson());
      return;
    }
    for (Evidence evidence : report.examined()) {
      out.println(line(evidence, names));
    }
    for (PlatformSignatures platform : report.platforms()) {
      out.println(
          "platform "
              + platform.platform().map(Object::toString).orElse("-")
              + "  "
              + platform.digest()
              + "  "
              + (platform.verified() ? "verified" : "NOT VERIFIED"));
      for (Evidence evidence : platform.examined()) {
        out.println("  " + line(evidence, names));
      }
    }
    out.println(report.outcome() + ": " + report.message());
  }

  /** {@code format  storage  signer  outcome  [detail]}, one signature per line. */
  private static String line(Evidence evidence, Map<Digest, String> names) {
    String signer =
        evidence
            .verifiedBy()
            .map(identity -> named(identity, names))
            .orElse("-");
    String outcome = evidence.failure().map(Enum::name).orElse("verified");
    String detail = evidence.failureDetail().isEmpty() ? "" : "  " + evidence.failureDetail();
    return evidence.format().map(SignatureFormat::id).orElse("-")
        + "  "
        + evidence.storage().id()
        + "  "
        + signer
        + "  "
        + outcome
        + detail;
  }

  private static String named(SignerIdentity identity, Map<Digest, String> names) {
    Optional<String> name = identity.keyFingerprint().map(names::get);
    return name.map(n -> n + " (" + identity + ")").orElse(identity.toString());
  }

  /** The document the README's "verify JSON" section describes. */
  static JsonObject json(SignatureReport report) {
    return new JsonObject()
        .put("image", report.image().toString())
        .put("digest", report.resolved().digest().toString())
        .put("outcome", report.outcome().name())
        .put("passed", report.passed())
        .put("message", report.message())
        .putObjects("signatures", evidence(report.examined()))
        .putObjects(
            "platforms",
            report.platforms().stream()
                .map(
                    p ->
                        new JsonObject()
                            .put("platform", p.platform().map(Object::toString))
                            .put("digest", p.digest().toString())
                            .put("verified", p.verified())
                            .putObjects("signatures", evidence(p.examined())))
                .collect(Collectors.toList()));
  }

  private static List<JsonObject> evidence(List<Evidence> examined) {
    return examined.stream()
        .map(
            e ->
                new JsonObject()
                    .put("format", e.format().map(SignatureFormat::id))
                    .put("storage", e.storage().id())
                    .put("signer", e.verifiedBy().map(Object::toString))
                    .put("verified", e.isVerified())
                    .put("reason", e.failure().map(Enum::name))
                    .put("detail", e.failureDetail())
                    .put("ref", e.ref().toString()))
        .collect(Collectors.toList());
  }
}
