package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.sign.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/**
 * The two encodings of an ECDSA signature: ASN.1 DER {@code ECDSA-Sig-Value} (cosign, DSSE,
 * X.509) and the fixed-length {@code R || S} of JWS (RFC 7518 §3.4), each integer left-padded to
 * the curve's byte length.
 */
public final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /**
   * Encodes {@code (r, s)} as DER.
   *
   * @param r the first integer
   * @param s the second integer
   * @return the DER {@code ECDSA-Sig-Value}
   */
  static byte[] toDer(BigInteger r, BigInteger s) {
    try {
      return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1Integer(r), new ASN1Integer(s)})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("encode ECDSA signature", e);
    }
  }

  /**
   * Decodes a strict DER {@code ECDSA-Sig-Value}: exactly two positive integers and nothing
   * else, encoded as DER would (no BER length forms, no trailing bytes, no padding).
   *
   * @param der the candidate signature
   * @return {@code {r, s}}, or empty if the bytes are not strict DER
   */
  static Optional<BigInteger[]> fromDer(byte[] der) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
      if (!(primitive instanceof ASN1Sequence) || ((ASN1Sequence) primitive).size() != 2) {
        return Optional.empty();
      }
      ASN1Sequence sequence = (ASN1Sequence) primitive;
      if (!(sequence.getObjectAt(0) instanceof ASN1Integer)
          || !(sequence.getObjectAt(1) instanceof ASN1Integer)) {
        return Optional.empty();
      }
      BigInteger r = ((ASN1Integer) sequence.getObjectAt(0)).getValue();
      BigInteger s = ((ASN1Integer) sequence.getObjectAt(1)).getValue();
      if (r.signum() <= 0 || s.signum() <= 0 || !Arrays.equals(toDer(r, s), der)) {
        return Optional.empty();
      }
      return Optional.of(new BigInteger[] {r, s});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Converts a DER signature to JWS {@code R || S}.
   *
   * @param der the DER signature
   * @param curve the key's curve
   * @return the raw form, twice the curve's byte length
   * @throws IllegalArgumentException if {@code der} is not a strict DER signature for the curve
   */
  public static Bytes derToRaw(Bytes der, KeyType curve) {
    int length = byteLength(curve);
    BigInteger[] rs =
        fromDer(der.toByteArray())
            .orElseThrow(() -> new IllegalArgumentException("not a DER ECDSA signature"));
    if (rs[0].bitLength() > length * 8 || rs[1].bitLength() > length * 8) {
      throw new IllegalArgumentException("ECDSA signature integers too large for " + curve);
    }
    byte[] raw = new byte[2 * length];
    BigIntegers.asUnsignedByteArray(rs[0], raw, 0, length);
    BigIntegers.asUnsignedByteArray(rs[1], raw, length, length);
    return Bytes.of(raw);
  }

  /**
   * Converts a JWS {@code R || S} signature to DER.
   *
   * @param raw the raw form
   * @param curve the key's curve
   * @return the DER signature
   * @throws IllegalArgumentException if {@code raw} is not twice the curve's byte length
   */
  public static Bytes rawToDer(Bytes raw, KeyType curve) {
    int length = byteLength(curve);
    if (raw.size() != 2 * length) {
      throw new IllegalArgumentException(
          "raw ECDSA signature for " + curve + " must be " + 2 * length + " bytes, got "
              + raw.size());
    }
    byte[] bytes = raw.toByteArray();
    BigInteger r = BigIntegers.fromUnsignedByteArray(bytes, 0, length);
    BigInteger s = BigIntegers.fromUnsignedByteArray(bytes, length, length);
    return Bytes.of(toDer(r, s));
  }

  /** {@return the byte length of one integer on {@code curve}: 32, 48 or 66} */
  public static int byteLength(KeyType curve) {
    switch (curve) {
      case EC_P256:
        return 32;
      case EC_P384:
        return 48;
      case EC_P521:
        return 66;
      default:
        throw new IllegalArgumentException("not an elliptic-curve key type: " + curve);
    }
  }
}
