package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.attest.AttestOptions;
import dev.custody.attest.AttestResult;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.sign.KeyRef;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
 * {@code custody attest}: wraps the predicate file in an in-toto statement about the image's
 * digest, signs it as a DSSE envelope and stores it next to the image (one {@code Custody.attest}
 * call); with {@code --certificate} the legacy {@code .att} layer carries the signer's certificate
 * chain, as {@code sign --certificate} does for {@code .sig} layers.
 */
@Command(
    name = "attest",
    description = {
      "Sign an in-toto statement (DSSE) about the image's digest and store it next to the image.",
      "The predicate is a JSON file (at most 4 MiB); SLSA provenance, vuln, approval and"
          + " promotion predicates are checked against their schema before signing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody attest --key ci.key --type slsaprovenance1 --predicate provenance.json \\",
      "      registry.example/app:1.4",
      "  custody attest --key scanner.key --type vuln --registry-referrers-mode oci-1-1 \\",
      "      --predicate scan.json registry.example/app:1.4",
      "  custody attest --key alice.key --type approval --predicate approval.json oci:build/app:v1",
      "  custody attest --key release.key --certificate release.crt --certificate-chain ca.pem \\",
      "      --type custom --predicate note.json registry.example/app:1.4"
    },
    mixinStandardHelpOptions = true)
final class AttestCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private PasswordOptions passwords;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description = "The private key: a file (cosign.key, PEM) or a key provider URI.")
  private String key;

  @Option(
      names = "--predicate",
      required = true,
      paramLabel = "FILE",
      description = "The predicate: a JSON object, at most 4 MiB.")
  private Path predicate;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "T",
      converter = PredicateTypeOption.class,
      description =
          "The predicate type: slsaprovenance1, vuln, spdxjson, cyclonedx, openvex, custom,"
              + " approval, promotion, or a predicate type URI.")
  private String type;

  @Option(
      names = "--certificate",
      paramLabel = "C",
      description =
          "The signing certificate (PEM or DER), for the key: stored (with --certificate-chain)"
              + " in the .att layer, for verify-attestation --certificate-roots.")
  private Path certificate;

  @Option(
      names = "--certificate-chain",
      paramLabel = "CH",
      description = "Intermediate certificates up to the root (PEM), after --certificate.")
  private Path certificateChain;

  @Option(
      names = {"-r", "--recursive"},
      description = "For an image index, also attest every manifest it lists.")
  private boolean recursive;

  @Option(
      names = "--registry-referrers-mode",
      paramLabel = "legacy|oci-1-1",
      defaultValue = "legacy",
      converter = ReferrersModeConverter.class,
      description =
          "Where the attestation goes: legacy (the sha256-<hex>.att tag; default) or oci-1-1"
              + " (a Sigstore bundle referrer, as cosign v3 writes).")
  private ReferrersMode referrersMode;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    if (passwords.readsStdin() && main.registryReadsStdin()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--password-stdin and --registry-password-stdin cannot both read standard input; use"
              + " --password-file or CUSTODY_PASSWORD for the key");
    }
    AttestOptions options = options();
    var content = PredicateFile.read(predicate);
    Custody custody = main.custody(image);
    Signer signer = custody.signer(KeyRef.parse(key), passwords.source(main.terminal(), false));
    print(custody.attest(image, signer, type, content, options));
    return ExitCodes.OK;
  }

  private AttestOptions options() throws CustodyException {
    AttestOptions.Builder options =
        AttestOptions.builder().referrersMode(referrersMode).recursive(recursive);
    List<Bytes> chain = CertificateFiles.signerChain(spec, certificate, certificateChain);
    if (certificate != null && referrersMode == ReferrersMode.OCI_1_1) {
      // Custody's bundles are key-only: dropping the certificate silently would leave an
      // attestation that certificate signers never accept
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--certificate is stored only in legacy .att attestations (expected"
              + " --registry-referrers-mode legacy with --certificate, got oci-1-1)");
    }
    options.certificateChain(chain);
    return options.build();
  }

  private void print(AttestResult result) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(
          new JsonObject()
              .put("image", result.image().toString())
              .put("digest", result.resolved().digest().toString())
              .put("predicateType", result.predicateType())
              .putObjects(
                  "attestations",
                  result.attestations().stream()
                      .map(AttestCommand::json)
                      .collect(Collectors.toList()))
              .toJson());
      return;
    }
    out.println(
        "Attested "
            + result.image()
            + " ("
            + result.resolved().digest()
            + ") with "
            + result.predicateType());
    for (StoredSignature stored : result.attestations()) {
      out.println(
          "  "
              + stored.subject()
              + "  "
              + stored.storage().id()
              + "  "
              + stored.location()
              + "  manifest "
              + stored.manifest());
    }
  }

  static JsonObject json(StoredSignature stored) {
    return new JsonObject()
        .put("subject", stored.subject().toString())
        .put("storage", stored.storage().id())
        .put("location", stored.location())
        .put("manifest", stored.manifest().toString());
  }
}
