package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.policy.TrustedSigner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --certificate-roots FILE} with {@code --certificate-identity DN}, shared by {@code verify}
 * and {@code verify-attestation}: one certificate signer (POLICY.md "Signers") trusting signatures
 * whose certificate chain leads to one of the roots and whose leaf subject matches the DN. The
 * names are cosign's where the meaning is the same ({@code --certificate-identity}, and {@code
 * --ca-roots} as an alias); unlike cosign's, the identity is an RFC 4514 subject DN, not a SAN,
 * because that is what custody policies compare.
 */
final class CertificateTrustOptions {
  /** The signer's name in reports. */
  static final String SIGNER_NAME = "certificate";

  @Option(
      names = {"--certificate-roots", "--ca-roots"},
      paramLabel = "FILE",
      description =
          "Trusted root certificates (PEM or DER, several allowed); needs --certificate-identity.")
  private Path roots;

  @Option(
      names = "--certificate-identity",
      paramLabel = "DN",
      description = {
        "The signing certificate's subject, an RFC 4514 DN compared attribute by attribute; a value",
        "of exactly * matches any value (CN=*,O=Example). Needs --certificate-roots."
      })
  private String identity;

  /** {@return whether either option was given} */
  boolean given() {
    return roots != null || identity != null;
  }

  /**
   * {@return the certificate signer the options describe, if they were given}
   *
   * @param spec the command, for usage errors
   * @throws CommandLine.ParameterException if only one of the two options is given or the DN is
   *     not a pattern POLICY.md allows (exit 2)
   * @throws InvalidInputException if the roots file cannot be read or holds no certificate
   */
  Optional<TrustedSigner> signer(CommandSpec spec) throws InvalidInputException {
    if (!given()) {
      return Optional.empty();
    }
    if (identity == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--certificate-roots needs --certificate-identity DN (the signing certificate's subject)");
    }
    if (roots == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--certificate-identity needs --certificate-roots FILE");
    }
    // check the DN before reading the file: a mistyped pattern is the cheaper mistake to report
    try {
      TrustedSigner.certificate(SIGNER_NAME, List.of(Bytes.utf8("-")), identity);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--certificate-identity: " + e.getMessage());
    }
    List<Bytes> der = CertificateFiles.read(roots, "--certificate-roots");
    return Optional.of(TrustedSigner.certificate(SIGNER_NAME, der, identity));
  }
}
