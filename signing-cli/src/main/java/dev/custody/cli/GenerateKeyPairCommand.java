package dev.custody.cli;

import dev.custody.CustodyException;
import dev.custody.cli.output.JsonObject;
import dev.custody.cli.output.OutputFormat;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.KeyType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code custody generate-key-pair}: writes {@code P.key} (encrypted, mode 0600) and {@code P.pub},
 * as {@code cosign generate-key-pair} does; with {@code --certificate CN} also a self-signed
 * code-signing test certificate {@code P.crt} for Notary signatures (NOT FOR PRODUCTION).
 */
@Command(
    name = "generate-key-pair",
    description = {
      "Generate a key pair: P.key (encrypted, mode 0600) and P.pub.",
      "The password comes from CUSTODY_PASSWORD, else COSIGN_PASSWORD, else --password-file or"
          + " --password-stdin, else a prompt (asked twice); never from an argument. Existing"
          + " files are kept unless --force."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody generate-key-pair --output-key-prefix release",
      "  custody generate-key-pair --type ed25519 --format pkcs8 --output-key-prefix ci",
      "  custody generate-key-pair --certificate release.example.com --output-key-prefix notary"
    },
    mixinStandardHelpOptions = true)
final class GenerateKeyPairCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private PasswordOptions passwords;

  @Option(
      names = "--output-key-prefix",
      paramLabel = "P",
      defaultValue = "cosign",
      description = "Path prefix of the files written (default: ${DEFAULT-VALUE}).")
  private Path prefix;

  @Option(
      names = "--format",
      paramLabel = "cosign|pkcs8",
      defaultValue = "cosign",
      description =
          "Private key encoding: cosign (encrypted, read by cosign and skopeo; default) or pkcs8"
              + " (unencrypted PKCS#8 PEM, for keys protected by other means).")
  private String format;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Key type: ecdsa-p256 (default), ecdsa-p384, rsa-3072 or ed25519. With --certificate"
              + " the default is rsa-3072, as notation's.")
  private String type;

  @Option(
      names = "--certificate",
      paramLabel = "CN",
      description = {
        "Also write P.crt: a self-signed code-signing certificate with subject CN=CN, for trying"
            + " out Notary signatures. NOT FOR PRODUCTION: anyone can make such a certificate."
      })
  private String certificate;

  @Option(names = "--force", description = "Replace existing key files.")
  private boolean force;

  @Override
  public Integer call() throws CustodyException {
    KeyPairOptions.Builder options =
        KeyPairOptions.builder().keyType(keyType()).fileFormat(fileFormat()).overwrite(force);
    if (certificate != null) {
      options.testCertificate(certificate);
    }
    KeyPairOptions built;
    try {
      built = options.build();
    } catch (IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    refuseExisting();
    GeneratedKeyPair pair =
        main.custody().generateKeyPair(prefix, built, passwords.source(main.terminal(), true));
    print(pair);
    if (pair.certificateFile().isPresent()) {
      spec.commandLine()
          .getErr()
          .println(
              "custody: warning: "
                  + pair.certificateFile().get()
                  + " is a self-signed test certificate, NOT FOR PRODUCTION: trust it only to try"
                  + " things out");
    }
    return ExitCodes.OK;
  }

  private void print(GeneratedKeyPair pair) {
    PrintWriter out = spec.commandLine().getOut();
    if (main.output() == OutputFormat.JSON) {
      out.println(
          new JsonObject()
              .put("privateKey", pair.privateKeyFile().toString())
              .put("publicKey", pair.publicKeyFile().toString())
              .put("certificate", pair.certificateFile().map(Path::toString))
              .put("keyType", pair.publicKey().keyType().displayName())
              .put("algorithm", pair.publicKey().algorithm().toString())
              .put("fingerprint", pair.publicKey().fingerprint().toString())
              .put("keyId", pair.publicKey().keyId().toString())
              .toJson());
      return;
    }
    out.println("Private key written to " + pair.privateKeyFile());
    out.println("Public key written to " + pair.publicKeyFile());
    pair.certificateFile()
        .ifPresent(c -> out.println("Test certificate (NOT FOR PRODUCTION) written to " + c));
    out.println(
        pair.publicKey().keyType().displayName() + " key " + pair.publicKey().fingerprint());
  }

  /** Refuses before asking for a password, with the flag that overrides it. */
  private void refuseExisting() {
    if (force) {
      return;
    }
    List<String> suffixes = new ArrayList<>(List.of(".key", ".pub"));
    if (certificate != null) {
      suffixes.add(".crt");
    }
    for (String suffix : suffixes) {
      Path file = prefix.resolveSibling(prefix.getFileName() + suffix);
      if (Files.exists(file)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            file + " already exists; pass --force to replace it, or choose another"
                + " --output-key-prefix");
      }
    }
  }

  private KeyFileFormat fileFormat() {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "cosign":
        return KeyFileFormat.COSIGN;
      case "pkcs8":
        return KeyFileFormat.PKCS8;
      default:
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--format: expected cosign or pkcs8, got '" + format + "'");
    }
  }

  private KeyType keyType() {
    String name = type != null ? type : certificate != null ? "rsa-3072" : "ecdsa-p256";
    switch (name.toLowerCase(Locale.ROOT)) {
      case "ecdsa-p256":
        return KeyType.EC_P256;
      case "ecdsa-p384":
        return KeyType.EC_P384;
      case "rsa-3072":
        return KeyType.RSA;
      case "ed25519":
        return KeyType.ED25519;
      default:
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--type: expected ecdsa-p256, ecdsa-p384, rsa-3072 or ed25519, got '" + type + "'");
    }
  }
}
