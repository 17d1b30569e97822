package dev.custody.core.internal.keys;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.crypto.Certificates;
import dev.custody.core.internal.crypto.KeyFiles;
import dev.custody.core.internal.crypto.KeyGenerators;
import dev.custody.core.internal.crypto.KeyPairFiles;
import dev.custody.core.internal.crypto.SigningKey;
import dev.custody.core.internal.crypto.TestCertificates;
import dev.custody.sign.GeneratedKeyPair;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyFileFormat;
import dev.custody.sign.KeyPairOptions;
import dev.custody.sign.PasswordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generate-key-pair}: generates a key (and, if asked, a self-signed Notary test
 * certificate) and writes {@code <prefix>.key}, {@code <prefix>.pub} and {@code <prefix>.crt}.
 * Every target is checked before the password is asked for, so a refused run leaves nothing
 * half-written. Thread-safe.
 */
public final class KeyPairGeneration {
  private static final Logger LOG = LoggerFactory.getLogger(KeyPairGeneration.class);

  private final Clock clock;

  /** @param clock the start of a test certificate's validity */
  public KeyPairGeneration(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Generates and writes the pair.
   *
   * @param prefix the path prefix
   * @param options what to generate
   * @param passwords the encryption password source
   * @return what was written
   * @throws KeyException if a target exists (unless overwriting), a file cannot be written, or no
   *     password is available
   */
  public GeneratedKeyPair generate(Path prefix, KeyPairOptions options, PasswordSource passwords)
      throws KeyException {
    requireNonNull(prefix, "prefix");
    requireNonNull(options, "options");
    requireNonNull(passwords, "passwords");
    if (prefix.getFileName() == null) {
      throw new KeyException("generate key pair " + prefix + ": the prefix names no file");
    }
    Path privateFile = sibling(prefix, ".key");
    Path publicFile = sibling(prefix, ".pub");
    Optional<Path> certificateFile =
        options.testCertificate().map(cn -> sibling(prefix, ".crt"));
    if (!options.overwrite()) {
      refuseExisting(prefix, privateFile, publicFile, certificateFile);
    }
    SecureRandom random = new SecureRandom();
    SigningKey key;
    Optional<String> certificatePem = Optional.empty();
    if (options.testCertificate().isPresent()) {
      TestCertificates.TestCertificate test =
          TestCertificates.generate(
              options.testCertificate().get(),
              options.keyType(),
              options.certificateValidity(),
              clock.instant(),
              random);
      key = test.key();
      certificatePem = Optional.of(Certificates.pem(test.certificate()));
    } else {
      key = KeyGenerators.generate(options.keyType(), random);
    }
    KeyPairFiles.write(key, prefix, format(options.fileFormat()), passwords, options.overwrite(), random);
    if (certificateFile.isPresent()) {
      KeyFiles.writePublic(certificateFile.get(), certificatePem.get(), options.overwrite());
    }
    LOG.debug("generated {} key {} at {}", options.keyType().displayName(), key.publicKey().fingerprint(), prefix);
    return new GeneratedKeyPair(privateFile, publicFile, key.publicKey(), certificateFile);
  }

  private static void refuseExisting(Path prefix, Path privateFile, Path publicFile, Optional<Path> certificate)
      throws KeyException {
    List<Path> targets = new ArrayList<>(List.of(privateFile, publicFile));
    certificate.ifPresent(targets::add);
    for (Path target : targets) {
      if (Files.exists(target)) {
        throw new KeyException(
            Reason.INVALID_INPUT,
            "generate key pair " + prefix + ": " + target + " already exists (expected no file; allow"
                + " overwriting to replace it)",
            null);
      }
    }
  }

  private static Path sibling(Path prefix, String suffix) {
    return prefix.resolveSibling(prefix.getFileName() + suffix);
  }

  private static KeyPairFiles.Format format(KeyFileFormat format) {
    return format == KeyFileFormat.PKCS8 ? KeyPairFiles.Format.PKCS8 : KeyPairFiles.Format.COSIGN;
  }
}
