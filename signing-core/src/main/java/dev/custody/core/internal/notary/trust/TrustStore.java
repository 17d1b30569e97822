package dev.custody.core.internal.notary.trust;

import static java.util.Objects.requireNonNull;

import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A notation trust store directory: {@code <root>/x509/<type>/<name>/<files>}, where
 * {@code <root>} is notation's {@code truststore} directory (FORMATS.md §5.7).
 *
 * <p>Loading a named store follows notation-go {@code verifier/truststore/truststore.go}, which
 * differs from the spec text FORMATS.md quotes (the README of the notation-e2e fixtures, §9):
 * every entry must be a regular file (a sub-directory or symlink makes the store fail); each file
 * is PEM or DER with one or more certificates, whatever its name; each certificate must be a CA
 * certificate or self-signed, and those in a {@code tsa} store self-issued roots; a missing or
 * empty store is an error. Reads are bounded: at most {@link #MAX_FILES} files of
 * {@link #MAX_FILE_BYTES} each.
 *
 * <p>Immutable; each {@link #certificates} call reads the directory afresh (one verification reads
 * it through a {@link TrustStoreSnapshot}, once).
 */
public final class TrustStore implements TrustedCertificates {
  /** At most this many files in one named store. */
  public static final int MAX_FILES = 100;
  /** At most this many bytes per certificate file. */
  public static final int MAX_FILE_BYTES = 256 * 1024;

  private final Path root;

  private TrustStore(Path root) {
    this.root = root;
  }

  /** {@return the store rooted at {@code root}, the directory that contains {@code x509/}} */
  public static TrustStore at(Path root) {
    return new TrustStore(requireNonNull(root, "root"));
  }

  /** {@return the root directory} */
  public Path root() {
    return root;
  }

  /**
   * Loads a named store.
   *
   * @param ref the store
   * @return its certificates, in file-name order, at least one
   * @throws InvalidInputException if the store does not exist, is empty, holds something other
   *     than regular certificate files, or a certificate is not allowed in it; the message names
   *     the store and the file
   */
  @Override
  public List<X509Certificate> certificates(TrustStoreRef ref) throws InvalidInputException {
    requireNonNull(ref, "ref");
    Path dir = root.resolve("x509").resolve(ref.type().directoryName()).resolve(ref.name());
    String what = "trust store \"" + ref.name() + "\" of type \"" + ref.type().directoryName() + "\"";
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException("load " + what + ": it does not exist (expected " + dir + ")");
    }
    TreeSet<Path> files = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          throw new InvalidInputException(
              "load " + what + ": " + entry.getFileName()
                  + " is a directory or symlink, which are not supported");
        }
        files.add(entry);
        if (files.size() > MAX_FILES) {
          throw new InvalidInputException(
              Reason.LIMIT_EXCEEDED,
              "load " + what + ": too many files (expected at most " + MAX_FILES + ")");
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("load " + what + ": cannot list " + dir + " (" + e + ")", e);
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Path file : files) {
      for (X509Certificate cert : readFile(file, what)) {
        checkAllowed(cert, ref.type(), what, file);
        certs.add(cert);
      }
    }
    if (certs.isEmpty()) {
      throw new InvalidInputException("load " + what + ": it has no x509 certificates");
    }
    return List.copyOf(certs);
  }

  private static List<X509Certificate> readFile(Path file, String what)
      throws InvalidInputException {
    byte[] content;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new InvalidInputException(
          "load " + what + ": cannot read " + file.getFileName() + " (" + e + ")", e);
    }
    if (content.length > MAX_FILE_BYTES) {
      throw new InvalidInputException(
          Reason.LIMIT_EXCEEDED,
          "load " + what + ": " + file.getFileName() + " is too large (expected at most "
              + MAX_FILE_BYTES + " bytes)");
    }
    try {
      // The JDK factory reads DER, and PEM with one or more certificates.
      Collection<? extends Certificate> read =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(content));
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : read) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new InvalidInputException(
            "load " + what + ": " + file.getFileName() + " holds no x509 certificate");
      }
      return certs;
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          "load " + what + ": " + file.getFileName() + " is not a PEM or DER certificate ("
              + e.getMessage() + ")", e);
    }
  }

  private static void checkAllowed(X509Certificate cert, TrustStoreType type, String what, Path file)
      throws InvalidInputException {
    boolean selfSigned = Certificates.isSelfSigned(cert);
    boolean ca = cert.getBasicConstraints() >= 0;
    if (type == TrustStoreType.TSA && !selfSigned) {
      throw new InvalidInputException(
          "load " + what + ": certificate " + Certificates.subject(cert) + " in "
              + file.getFileName() + " is not a self-signed root, which a tsa store requires");
    }
    if (!ca && !selfSigned) {
      throw new InvalidInputException(
          "load " + what + ": certificate " + Certificates.subject(cert) + " in "
              + file.getFileName() + " is neither a CA certificate nor self-signed");
    }
  }
}
