package dev.custody.core.internal.crypto;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * RSASSA-PKCS1-v1_5 and RSASSA-PSS over a digest the JDK computed. PSS uses MGF1 with the same
 * hash and a salt as long as the hash (RFC 7518 §3.5, which notation and golang-jwt follow).
 */
final class BcRsaSigner implements Signer {
  private final PublicKeyInfo publicKey;
  private final RSAKeyParameters key;
  private final SecureRandom random;

  BcRsaSigner(PublicKeyInfo publicKey, RSAKeyParameters key, SecureRandom random) {
    this.publicKey = publicKey;
    this.key = key;
    this.random = random;
  }

  @Override
  public PublicKeyInfo publicKey() {
    return publicKey;
  }

  @Override
  public Bytes sign(Bytes message) throws SigningException {
    return signDigest(Bytes.of(Hashes.hash(publicKey.algorithm(), message.toByteArray())));
  }

  @Override
  public Bytes signDigest(Bytes digest) throws SigningException {
    SignatureAlgorithm algorithm = publicKey.algorithm();
    Hashes.checkDigestLength(algorithm, digest);
    org.bouncycastle.crypto.Signer signer = newSigner(algorithm);
    signer.init(true, new ParametersWithRandom(key, random));
    byte[] hash = digest.toByteArray();
    signer.update(hash, 0, hash.length);
    try {
      return Bytes.of(signer.generateSignature());
    } catch (CryptoException | RuntimeException e) {
      throw new SigningException(
          Reason.KEY, "sign with " + algorithm + " key " + publicKey.keyId() + ": RSA failure", e);
    }
  }

  /** The BC signer whose input is the message digest itself ("raw"/pre-hashed mode). */
  static org.bouncycastle.crypto.Signer newSigner(SignatureAlgorithm algorithm) {
    if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
      return new RSADigestSigner(new NullDigest(), Hashes.oid(algorithm));
    }
    return PSSSigner.createRawSigner(
        new RSABlindedEngine(),
        Hashes.bcDigest(algorithm),
        Hashes.bcDigest(algorithm),
        algorithm.digestLength(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  @Override
  public String toString() {
    return "BcRsaSigner[" + publicKey + "]";
  }
}
