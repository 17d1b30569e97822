package dev.custody.cli;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads {@code --certificate} and {@code --certificate-chain} files (PEM or DER X.509, one or
 * more certificates) into the DER list {@code SignOptions} takes, with the JDK's own parser. At
 * most {@value #MAX_BYTES} bytes are read, so a huge or endless file (a FIFO, {@code /dev/zero})
 * fails fast.
 */
final class CertificateFiles {
  /** Certificate files larger than this are refused unread. */
  static final int MAX_BYTES = 1024 * 1024;

  private CertificateFiles() {}

  /**
   * Reads the signer's chain for {@code --certificate C [--certificate-chain CH]}: the leaf file's
   * certificates, then the chain file's.
   *
   * @param spec the command, for usage errors
   * @param certificate the {@code --certificate} file, or {@code null} when not given
   * @param chain the {@code --certificate-chain} file, or {@code null} when not given
   * @return the DER certificates, leaf first; empty when no certificate was given
   * @throws CommandLine.ParameterException if a chain is given without a leaf
   * @throws InvalidInputException if a file cannot be read or holds no certificate
   */
  static List<Bytes> signerChain(CommandSpec spec, Path certificate, Path chain)
      throws InvalidInputException {
    if (chain != null && certificate == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--certificate-chain needs --certificate (the leaf comes first)");
    }
    if (certificate == null) {
      return List.of();
    }
    List<Bytes> all = new ArrayList<>(read(certificate, "--certificate"));
    if (chain != null) {
      all.addAll(read(chain, "--certificate-chain"));
    }
    return all;
  }

  /**
   * Reads every certificate in {@code file}.
   *
   * @param file the file
   * @param option the option that named it, for messages
   * @return DER certificates in file order
   * @throws InvalidInputException if the file is missing, too large or holds no certificate
   */
  static List<Bytes> read(Path file, String option) throws InvalidInputException {
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidInputException(
            Reason.LIMIT_EXCEEDED,
            "read " + option + " " + file + ": too large (expected at most " + MAX_BYTES + " bytes, got " + size + ")");
      }
      try (InputStream in = Files.newInputStream(file)) {
        content = in.readNBytes(MAX_BYTES + 1);
      }
      // the size above says nothing for a FIFO or device (0) or a file still growing: the bytes
      // actually read decide
      if (content.length > MAX_BYTES) {
        throw new InvalidInputException(
            Reason.LIMIT_EXCEEDED,
            "read " + option + " " + file + ": too large (expected at most " + MAX_BYTES
                + " bytes, got more)");
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("read " + option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(
          Reason.IO, "read " + option + " " + file + ": " + e.getClass().getSimpleName());
    }
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content));
      if (certificates.isEmpty()) {
        throw new InvalidInputException(
            "read " + option + " " + file + ": no certificate found (expected PEM or DER X.509)");
      }
      List<Bytes> der = new ArrayList<>();
      for (Certificate certificate : certificates) {
        der.add(Bytes.of(certificate.getEncoded()));
      }
      return der;
    } catch (CertificateEncodingException e) {
      throw new InvalidInputException("read " + option + " " + file + ": cannot encode certificate");
    } catch (CertificateException e) {
      throw new InvalidInputException(
          "read " + option + " " + file + ": not an X.509 certificate (expected PEM or DER)");
    }
  }
}
