package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Reads public keys from PEM: SPKI ({@code PUBLIC KEY}), PKCS#1 ({@code RSA PUBLIC KEY}, which
 * cosign also accepts, FORMATS.md §4.2) or the leaf of a {@code CERTIFICATE} chain.
 */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * Reads the first public key, RSA public key or certificate block.
   *
   * @param content the file content
   * @param source the file name, for messages
   * @return the key, bound to its type's default algorithm
   * @throws KeyException naming {@code source} if there is no usable block
   */
  public static PublicKeyInfo read(byte[] content, String source) throws KeyException {
    List<Pem.Block> blocks = Pem.decodeAll(content, source);
    Pem.Block first = blocks.get(0);
    switch (first.type) {
      case "PUBLIC KEY":
        return of(first.der, source);
      case "RSA PUBLIC KEY":
        return fromPkcs1(first.der, source);
      case "CERTIFICATE":
        return Certificates.publicKey(Certificates.readChain(content, source).get(0), source);
      default:
        if (first.type.contains("PRIVATE KEY")) {
          throw new KeyException(
              "read public key " + source + ": this is a private key (expected PUBLIC KEY or"
                  + " CERTIFICATE; give the .pub file)");
        }
        throw new KeyException(
            "read public key " + source + ": unknown PEM type (expected PUBLIC KEY, RSA PUBLIC KEY"
                + " or CERTIFICATE, got \"" + Pem.shorten(first.type) + "\")");
    }
  }

  static PublicKeyInfo of(byte[] spki, String source) throws KeyException {
    try {
      return PublicKeyInfo.of(Bytes.of(spki));
    } catch (KeyException e) {
      String prefix = "read public key";
      String message = e.getMessage();
      throw new KeyException(
          e.reason(),
          message.startsWith(prefix)
              ? prefix + " " + source + message.substring(prefix.length())
              : message + " (" + source + ")",
          e);
    }
  }

  private static PublicKeyInfo fromPkcs1(byte[] der, String source) throws KeyException {
    try {
      RSAPublicKey rsa = RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
      SubjectPublicKeyInfo spki =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
      return of(spki.getEncoded(ASN1Encoding.DER), source);
    } catch (IOException | RuntimeException e) {
      throw new KeyException("read public key " + source + ": not a PKCS#1 RSAPublicKey");
    }
  }

  /**
   * Encodes a public key as a {@code PUBLIC KEY} PEM block, the {@code .pub} format of cosign.
   *
   * @param key the key
   * @return the PEM text
   */
  public static String pem(PublicKeyInfo key) {
    return Pem.encode("PUBLIC KEY", key.spki().toByteArray());
  }
}
