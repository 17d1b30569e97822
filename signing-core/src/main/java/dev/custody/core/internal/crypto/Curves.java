package dev.custody.core.internal.crypto;

import dev.custody.CustodyException.Reason;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/** The NIST curves Custody supports, by key type and by OID. */
final class Curves {
  private Curves() {}

  static ASN1ObjectIdentifier oid(KeyType type) {
    switch (type) {
      case EC_P256:
        return SECObjectIdentifiers.secp256r1;
      case EC_P384:
        return SECObjectIdentifiers.secp384r1;
      case EC_P521:
        return SECObjectIdentifiers.secp521r1;
      default:
        throw new IllegalArgumentException("not an elliptic-curve key type: " + type);
    }
  }

  static ECNamedDomainParameters domain(KeyType type) {
    ASN1ObjectIdentifier oid = oid(type);
    X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
    return new ECNamedDomainParameters(oid, x9);
  }

  /**
   * Identifies the curve of a key. Keys with explicit (unnamed) parameters are refused even when
   * they describe a NIST curve: cosign and notation write named curves only.
   */
  static KeyType keyTypeOf(ECDomainParameters domain, String source) throws KeyException {
    if (domain instanceof ECNamedDomainParameters) {
      ASN1ObjectIdentifier oid = ((ECNamedDomainParameters) domain).getName();
      for (KeyType type : new KeyType[] {KeyType.EC_P256, KeyType.EC_P384, KeyType.EC_P521}) {
        if (oid(type).equals(oid)) {
          return type;
        }
      }
      throw new KeyException(
          Reason.UNSUPPORTED,
          "read key " + source + ": unsupported curve (expected P-256, P-384 or P-521, got OID "
              + oid.getId() + ")",
          null);
    }
    throw new KeyException(
        Reason.UNSUPPORTED,
        "read key " + source + ": explicit curve parameters are not supported (expected a named curve)",
        null);
  }
}
