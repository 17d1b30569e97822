package dev.custody.core.internal.policy;

import dev.custody.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minimal key reading a policy needs: PEM {@code PUBLIC KEY} blocks (SubjectPublicKeyInfo)
 * and PEM {@code CERTIFICATE} blocks, checked with the JDK's {@link KeyFactory} and {@link
 * CertificateFactory}. Deliberately small: full key handling (encrypted keys, PKCS#8, cosign
 * formats) lives in {@code internal/crypto}, and this class can be replaced by it.
 */
final class PolicyKeyFiles {
  /** Key and certificate files are small; anything larger is not one. */
  static final int MAX_FILE_BYTES = 256 * 1024;

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519");

  private PolicyKeyFiles() {}

  /**
   * Reads a PEM public key.
   *
   * @param file the file
   * @return the DER SubjectPublicKeyInfo
   * @throws IOException if the file cannot be read, is too large, or holds no usable public key
   */
  static Bytes readPublicKey(Path file) throws IOException {
    List<byte[]> blocks = blocks(read(file), "PUBLIC KEY");
    if (blocks.size() != 1) {
      throw new IOException("expected one PEM PUBLIC KEY block, got " + blocks.size());
    }
    byte[] der = blocks.get(0);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        return Bytes.of(der);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IOException("the PUBLIC KEY is not an EC, RSA or Ed25519 key");
  }

  /**
   * Reads PEM certificates.
   *
   * @param file the file
   * @return the DER certificates, at least one
   * @throws IOException if the file cannot be read, is too large, or holds no valid certificate
   */
  static List<Bytes> readCertificates(Path file) throws IOException {
    List<byte[]> blocks = blocks(read(file), "CERTIFICATE");
    if (blocks.isEmpty()) {
      throw new IOException("no PEM CERTIFICATE block");
    }
    List<Bytes> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks) {
        X509Certificate cert =
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        out.add(Bytes.of(cert.getEncoded()));
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("invalid certificate: " + e.getMessage(), e);
    }
    return out;
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
      if (content.length > MAX_FILE_BYTES) {
        throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
      }
      return new String(content, StandardCharsets.US_ASCII);
    }
  }

  private static List<byte[]> blocks(String pem, String type) throws IOException {
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        try {
          out.add(Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
          throw new IOException("bad base64 in PEM " + type + " block", e);
        }
      }
    }
    return out;
  }
}
