package dev.custody.core.internal.crypto;

import dev.custody.sign.KeyException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM (RFC 7468) blocks: strict base64 bodies, matching BEGIN/END labels, text around blocks
 * ignored (as Go's {@code encoding/pem} does). Blocks with RFC 1421 headers ({@code Proc-Type},
 * OpenSSL's legacy key encryption) are refused with a hint, not half-read.
 */
final class Pem {
  /** More blocks than any key file or certificate chain Custody reads has. */
  static final int MAX_BLOCKS = 64;

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /** One decoded block. The array is the caller's to zero. */
  static final class Block {
    final String type;
    final byte[] der;

    Block(String type, byte[] der) {
      this.type = type;
      this.der = der;
    }
  }

  /**
   * Decodes every PEM block in {@code content}.
   *
   * @param content the file content
   * @param source the file name, for messages
   * @return the blocks in order, at least one
   * @throws KeyException naming {@code source} if there is no block or a block is malformed
   */
  static List<Block> decodeAll(byte[] content, String source) throws KeyException {
    String text = new String(content, StandardCharsets.US_ASCII);
    String[] lines = text.split("\r?\n", -1);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + 5) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      String endLine = END + type + DASHES;
      StringBuilder body = new StringBuilder();
      int j = i + 1;
      for (; j < lines.length && !lines[j].strip().equals(endLine); j++) {
        String bodyLine = lines[j].strip();
        if (bodyLine.contains(":")) {
          throw new KeyException(
              "read " + source + ": PEM block \"" + shorten(type)
                  + "\" has headers (legacy OpenSSL encryption?); convert it to PKCS#8 first,"
                  + " e.g. openssl pkcs8 -topk8");
        }
        if (bodyLine.startsWith(BEGIN)) {
          break;
        }
        body.append(bodyLine);
      }
      if (j >= lines.length || !lines[j].strip().equals(endLine)) {
        throw new KeyException(
            "read " + source + ": PEM block \"" + shorten(type) + "\" has no matching END line");
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(body.toString());
      } catch (IllegalArgumentException e) {
        throw new KeyException(
            "read " + source + ": PEM block \"" + shorten(type) + "\" is not valid base64");
      }
      if (der.length == 0) {
        throw new KeyException("read " + source + ": PEM block \"" + shorten(type) + "\" is empty");
      }
      if (blocks.size() == MAX_BLOCKS) {
        throw new KeyException(
            dev.custody.CustodyException.Reason.LIMIT_EXCEEDED,
            "read " + source + ": more than " + MAX_BLOCKS + " PEM blocks",
            null);
      }
      blocks.add(new Block(type, der));
      i = j;
    }
    if (blocks.isEmpty()) {
      throw new KeyException(
          "read " + source + ": no PEM block found (expected -----BEGIN …----- lines)");
    }
    return blocks;
  }

  /** {@link #decodeAll} for PEM text known to be valid (constants, test vectors). */
  static List<Block> decodeAllUnchecked(String pem) {
    try {
      return decodeAll(pem.getBytes(StandardCharsets.US_ASCII), "constant");
    } catch (KeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Encodes one block the way Go's {@code pem.Encode} does: 64-column base64 lines, each ending
   * in a newline, and a newline after the END line.
   *
   * @param type the label, e.g. {@code PUBLIC KEY}
   * @param der the content
   * @return the PEM text
   */
  static String encode(String type, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder(base64.length() + base64.length() / 64 + 80);
    out.append(BEGIN).append(type).append(DASHES).append('\n');
    for (int i = 0; i < base64.length(); i += 64) {
      out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    out.append(END).append(type).append(DASHES).append('\n');
    return out.toString();
  }

  static String shorten(String untrusted) {
    String printable = untrusted.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
  }
}
