package dev.custody.core.internal.crypto;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import dev.custody.sign.KeyException;
import dev.custody.sign.KeyType;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A private key held in memory as Bouncy Castle lightweight parameters, with its public half.
 * Immutable; {@link #toString()} never shows key material.
 */
public final class SigningKey {
  private final AsymmetricKeyParameter privateKey;
  private final AsymmetricKeyParameter publicKey;
  private final PublicKeyInfo publicKeyInfo;

  private SigningKey(
      AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey, PublicKeyInfo info) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicKeyInfo = info;
  }

  /**
   * Wraps a private key, deriving its public half.
   *
   * @param privateKey BC private key parameters of a supported type
   * @param source where the key came from, for messages
   * @return the key, bound to its type's default algorithm
   * @throws KeyException if the key type or curve is unsupported
   */
  static SigningKey of(AsymmetricKeyParameter privateKey, String source) throws KeyException {
    requireNonNull(privateKey, "privateKey");
    if (!privateKey.isPrivate()) {
      throw new IllegalArgumentException("not a private key");
    }
    AsymmetricKeyParameter publicKey = publicOf(privateKey, source);
    try {
      Bytes spki =
          Bytes.of(
              SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey)
                  .getEncoded(ASN1Encoding.DER));
      return new SigningKey(privateKey, publicKey, PublicKeyInfo.of(spki));
    } catch (IOException e) {
      throw new KeyException("encode public key of " + source + ": " + e.getMessage());
    }
  }

  /**
   * Decodes a PKCS#8 {@code PrivateKeyInfo}.
   *
   * @param pkcs8 the DER bytes (not kept)
   * @param source where the bytes came from, for messages
   * @return the key
   * @throws KeyException if the bytes are not a PKCS#8 key of a supported type
   */
  public static SigningKey fromPkcs8(byte[] pkcs8, String source) throws KeyException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(pkcs8);
    } catch (RuntimeException e) {
      throw new KeyException("read private key " + source + ": not a PKCS#8 PrivateKeyInfo");
    }
    return fromPrivateKeyInfo(info, source);
  }

  static SigningKey fromPrivateKeyInfo(PrivateKeyInfo info, String source) throws KeyException {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyException(
          dev.custody.CustodyException.Reason.UNSUPPORTED,
          "read private key "
              + source
              + ": unsupported or malformed key (algorithm "
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId()
              + ")",
          null);
    }
    return of(key, source);
  }

  /** {@return the public half, bound to the key type's default algorithm} */
  public PublicKeyInfo publicKey() {
    return publicKeyInfo;
  }

  /** {@return the key's type} */
  public KeyType keyType() {
    return publicKeyInfo.keyType();
  }

  /**
   * Encodes the private key as PKCS#8 DER; the caller zeroes the array once written.
   *
   * @return the PKCS#8 {@code PrivateKeyInfo} DER bytes
   */
  public byte[] toPkcs8() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("encode private key as PKCS#8", e);
    }
  }

  AsymmetricKeyParameter privateParameters() {
    return privateKey;
  }

  AsymmetricKeyParameter publicParameters() {
    return publicKey;
  }

  /**
   * Returns a signer with the key type's default algorithm.
   *
   * @return the signer
   */
  public dev.custody.sign.Signer signer() {
    return BcSigners.of(this, publicKeyInfo.algorithm());
  }

  /**
   * Returns a signer with {@code algorithm}.
   *
   * @param algorithm an algorithm of this key's type
   * @return the signer
   * @throws KeyException if the algorithm does not fit the key
   */
  public dev.custody.sign.Signer signer(SignatureAlgorithm algorithm) throws KeyException {
    publicKeyInfo.withAlgorithm(algorithm);
    return BcSigners.of(this, algorithm);
  }

  /** {@return the key type and public fingerprint only} */
  @Override
  public String toString() {
    return "SigningKey[" + keyType().displayName() + ", " + publicKeyInfo.fingerprint() + "]";
  }

  private static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter key, String source)
      throws KeyException {
    if (key instanceof ECPrivateKeyParameters) {
      ECPrivateKeyParameters ec = (ECPrivateKeyParameters) key;
      ECDomainParameters domain = ec.getParameters();
      Curves.keyTypeOf(domain, source);
      return new ECPublicKeyParameters(
          new FixedPointCombMultiplier().multiply(domain.getG(), ec.getD()).normalize(), domain);
    } else if (key instanceof Ed25519PrivateKeyParameters) {
      return ((Ed25519PrivateKeyParameters) key).generatePublicKey();
    } else if (key instanceof RSAPrivateCrtKeyParameters) {
      RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) key;
      return new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
    }
    throw new KeyException(
        dev.custody.CustodyException.Reason.UNSUPPORTED,
        "read private key "
            + source
            + ": unsupported key type (expected EC P-256/P-384/P-521, RSA with CRT parameters or"
            + " Ed25519, got "
            + key.getClass().getSimpleName().replace("PrivateKeyParameters", "")
            + ")",
        null);
  }
}
