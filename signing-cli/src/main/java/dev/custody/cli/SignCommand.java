package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.Custody;
import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.oci.ImageReference;
import dev.custody.policy.SignatureFormat;
import dev.custody.sign.KeyRef;
import dev.custody.sign.ReferrersMode;
import dev.custody.sign.SignOptions;
import dev.custody.sign.SignResult;
import dev.custody.sign.Signer;
import dev.custody.sign.StoredSignature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code custody sign}: resolves the image once, signs its digest with the key and stores the
 * signature next to it (one {@code Custody.sign} call). The key is opened for the chosen format
 * ({@code Custody.signer(KeyRef, PasswordSource, SignOptions)}): a Notary signature uses the
 * algorithm Notary fixes for the certificate's key, which must be the signing key.
 */
@Command(
    name = "sign",
    description = {
      "Sign an image's digest and store the signature in its registry or layout.",
      "The tag is resolved once and the digest signed: a cosign signature in the sha256-<hex>.sig"
          + " tag (default), a Sigstore bundle referrer with --registry-referrers-mode oci-1-1, or"
          + " a Notary Project signature with --format notation --certificate C. The key password"
          + " comes from CUSTODY_PASSWORD, COSIGN_PASSWORD, --password-file, --password-stdin or a"
          + " prompt."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody sign --key release.key registry.example.com/team/app:1.4",
      "  custody sign --key release.key -a team=payments --recursive oci:build/app:v1",
      "  custody sign --format notation --key notary.key --certificate notary.crt \\",
      "      registry.example.com/team/app:1.4",
      "  custody verify --key release.pub registry.example.com/team/app:1.4"
    },
    mixinStandardHelpOptions = true)
final class SignCommand implements Callable<Integer> {
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
      names = "--format",
      paramLabel = "cosign|notation",
      defaultValue = "cosign",
      description = "Signature format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--certificate",
      paramLabel = "C",
      description =
          "The signing certificate (PEM or DER): Notary signatures need one; a cosign signature"
              + " carries it (and --certificate-chain) in its .sig layer, for --certificate-roots.")
  private Path certificate;

  @Option(
      names = "--certificate-chain",
      paramLabel = "CH",
      description = "Intermediate certificates up to the root (PEM), after --certificate.")
  private Path certificateChain;

  @Option(
      names = {"-a", "--annotations"},
      paramLabel = "KEY=VALUE",
      description = "Annotation signed with the payload (cosign); repeatable.")
  private List<String> annotations = new ArrayList<>();

  @Option(
      names = {"-r", "--recursive"},
      description = "For an image index, also sign every manifest it lists.")
  private boolean recursive;

  @Option(
      names = "--registry-referrers-mode",
      paramLabel = "legacy|oci-1-1",
      defaultValue = "legacy",
      description = {
        "Where cosign signatures go: legacy (the sha256-<hex>.sig tag, read by every verifier;",
        "default) or oci-1-1 (a Sigstore bundle referrer, as cosign v3 writes)."
      })
  private String referrersMode;

  @Parameters(
      paramLabel = "IMAGE",
      converter = ImageReferenceConverter.class,
      description = "HOST[:PORT]/REPO[:TAG|@DIGEST] or oci:DIR[:TAG|@DIGEST].")
  private ImageReference image;

  @Override
  public Integer call() throws CustodyException {
    SignOptions options = options();
    if (passwords.readsStdin() && main.registryReadsStdin()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--password-stdin and --registry-password-stdin cannot both read standard input; use"
              + " --password-file or CUSTODY_PASSWORD for the key");
    }
    Custody custody = main.custody(image);
    // the format picks the algorithm for the key: Notary signs RSA keys with PSS (FORMATS.md §5.5)
    Signer signer =
        custody.signer(KeyRef.parse(key), passwords.source(main.terminal(), false), options);
    SignResult result = custody.sign(image, signer, options);
    print(result);
    return ExitCodes.OK;
  }

  private SignOptions options() throws CustodyException {
    SignOptions.Builder options =
        SignOptions.builder()
            .format(signatureFormat())
            .annotations(Annotations.parse(spec, annotations))
            .recursive(recursive)
            .referrersMode(mode());
    List<Bytes> chain = CertificateFiles.signerChain(spec, certificate, certificateChain);
    if (certificate != null
        && signatureFormat() == SignatureFormat.COSIGN
        && mode() == ReferrersMode.OCI_1_1) {
      // the bundle writer has no place for it yet; dropping it silently would leave a signature
      // that certificate signers never accept
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--certificate is stored only in legacy .sig signatures (expected --registry-referrers-mode"
              + " legacy with --certificate, got oci-1-1)");
    }
    options.certificateChain(chain);
    return options.build();
  }

  private void print(SignResult result) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(
          new JsonObject()
              .put("image", result.image().toString())
              .put("digest", result.resolved().digest().toString())
              .putObjects(
                  "signatures",
                  result.signatures().stream().map(SignCommand::json).collect(Collectors.toList()))
              .toJson());
      return;
    }
    out.println("Signed " + result.image() + " (" + result.resolved().digest() + ")");
    for (StoredSignature stored : result.signatures()) {
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

  private static JsonObject json(StoredSignature stored) {
    return new JsonObject()
        .put("subject", stored.subject().toString())
        .put("storage", stored.storage().id())
        .put("location", stored.location())
        .put("manifest", stored.manifest().toString());
  }

  private SignatureFormat signatureFormat() {
    return SignatureFormat.fromId(format.toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(), "--format: expected cosign or notation, got '" + format + "'"));
  }

  private ReferrersMode mode() {
    switch (referrersMode.toLowerCase(Locale.ROOT)) {
      case "legacy":
        return ReferrersMode.LEGACY;
      case "oci-1-1":
        return ReferrersMode.OCI_1_1;
      default:
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--registry-referrers-mode: expected legacy or oci-1-1, got '" + referrersMode + "'");
    }
  }
}
