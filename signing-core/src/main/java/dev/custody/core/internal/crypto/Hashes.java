package dev.custody.core.internal.crypto;

import dev.custody.sign.SignatureAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Hashes for signature algorithms. Message hashing uses the JDK's {@link MessageDigest}, which is
 * 2.5x faster than Bouncy Castle's here (PERFORMANCE.md); BC digests serve only inside constructions
 * that hash a few dozen bytes (RFC 6979 nonces, PSS encoding).
 */
final class Hashes {
  private Hashes() {}

  static byte[] hash(SignatureAlgorithm algorithm, byte[] message) {
    String name = algorithm.digestName().orElseThrow(() -> new IllegalArgumentException(
        algorithm + " signs whole messages"));
    try {
      return MessageDigest.getInstance(name).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  static Digest bcDigest(SignatureAlgorithm algorithm) {
    switch (algorithm.digestLength()) {
      case 32:
        return new SHA256Digest();
      case 48:
        return new SHA384Digest();
      case 64:
        return new SHA512Digest();
      default:
        throw new IllegalArgumentException(algorithm + " has no hash");
    }
  }

  static ASN1ObjectIdentifier oid(SignatureAlgorithm algorithm) {
    switch (algorithm.digestLength()) {
      case 32:
        return NISTObjectIdentifiers.id_sha256;
      case 48:
        return NISTObjectIdentifiers.id_sha384;
      case 64:
        return NISTObjectIdentifiers.id_sha512;
      default:
        throw new IllegalArgumentException(algorithm + " has no hash");
    }
  }

  static void checkDigestLength(SignatureAlgorithm algorithm, dev.custody.Bytes digest) {
    if (digest.size() != algorithm.digestLength()) {
      throw new IllegalArgumentException(
          "digest for "
              + algorithm
              + " must be "
              + algorithm.digestLength()
              + " bytes, got "
              + digest.size());
    }
  }
}
