package dev.custody.core.internal.notary.verify;

import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.crypto.BcVerifiers;
import dev.custody.core.internal.crypto.EcdsaSignatures;
import dev.custody.core.internal.formats.notary.JwsAlgorithm;
import dev.custody.core.internal.formats.notary.NotaryHeaders;
import dev.custody.core.internal.formats.notary.NotaryJws;
import dev.custody.core.internal.formats.notary.NotaryJwsReader;
import dev.custody.core.internal.formats.notary.NotaryPayload;
import dev.custody.core.internal.formats.notary.NotaryProtectedHeader;
import dev.custody.core.internal.notary.trust.Truncate;
import dev.custody.oci.Descriptor;
import dev.custody.sign.KeyException;
import dev.custody.sign.PublicKeyInfo;
import dev.custody.sign.SignatureAlgorithm;
import dev.custody.sign.VerificationException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Integrity of an envelope: the strict reader of {@code formats.notary} parses it, the
 * algorithm is pinned to the leaf certificate's key (a header {@code alg} that differs is
 * refused), the signature is verified over the exact {@code protected.payload} text, and only
 * then is the payload read (FORMATS.md §5.3, §5.8 "Verification outline"). Only JWS is supported;
 * COSE envelopes fail integrity as an unsupported format.
 *
 * <p>The signature is checked with the core verifiers ({@link BcVerifiers}, Bouncy Castle's
 * lightweight API), as cosign signatures are: SunEC's ECDSA is about 10× slower (PERFORMANCE.md,
 * docs/BENCHMARKS.md (b)). The verifier is bound to the algorithm {@link NotaryJws#bindKey} took from
 * the leaf key, never to the header's {@code alg}.
 */
public final class NotaryEnvelopes {
  /** Envelopes larger than this are refused (notation-go caps signature blobs at 32 MiB). */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private NotaryEnvelopes() {}

  /**
   * Parses and verifies an envelope.
   *
   * @param mediaType the envelope layer's media type
   * @param envelope the exact envelope bytes
   * @return what the verified envelope says
   * @throws VerificationException if the media type is not JWS, the envelope is malformed or too
   *     large, the algorithm does not fit the leaf key, or the signature does not verify
   */
  public static SignerInfo verify(String mediaType, Bytes envelope) throws VerificationException {
    if (!NotaryHeaders.JWS_MEDIA_TYPE.equals(mediaType)) {
      throw new VerificationException(
          Reason.UNSUPPORTED,
          "read Notary envelope: signature envelope format with media type \""
              + Truncate.of(mediaType) + "\" is not supported (expected "
              + NotaryHeaders.JWS_MEDIA_TYPE + ")",
          null);
    }
    if (envelope.size() > MAX_BYTES) {
      throw new VerificationException(
          Reason.LIMIT_EXCEEDED,
          "read Notary envelope: too large (expected at most " + MAX_BYTES + " bytes, got "
              + envelope.size() + ")",
          null);
    }
    NotaryJws jws;
    try {
      jws = NotaryJwsReader.parse(envelope);
    } catch (InvalidInputException e) {
      throw new VerificationException(e.reason(), e.getMessage(), e);
    }
    PublicKey leafKey = jws.certificateChain().get(0).getPublicKey();
    NotaryJws.VerificationInput input = jws.bindKey(leafKey); // algorithm from the key
    if (!signatureValid(input, leafKey)) {
      throw new VerificationException(
          Reason.VERIFICATION_FAILED,
          "verify Notary JWS: the signature is not valid for the signing certificate's key",
          null);
    }
    NotaryProtectedHeader header = jws.protectedHeader();
    boolean authority = header.signingScheme().equals(NotaryHeaders.SCHEME_SIGNING_AUTHORITY);
    SigningScheme scheme = authority ? SigningScheme.X509_SIGNING_AUTHORITY : SigningScheme.X509;
    Instant signingTime =
        (authority ? header.authenticSigningTime() : header.signingTime()).orElseThrow();
    Optional<Instant> expiry = header.expiry();
    if (expiry.isPresent() && !expiry.get().isAfter(signingTime)) {
      throw new VerificationException(
          Reason.INVALID_INPUT,
          "read Notary JWS: expiry " + expiry.get() + " is not after the signing time "
              + signingTime,
          null);
    }
    Descriptor target;
    try {
      target = NotaryPayload.parse(jws.payload());
    } catch (InvalidInputException e) {
      throw new VerificationException(e.reason(), e.getMessage(), e);
    }
    return new SignerInfo(
        input.algorithm(),
        scheme,
        signingTime,
        expiry,
        jws.certificateChain(),
        jws.timestampToken(),
        jws.signature(),
        new TargetArtifact(target.mediaType().value(), target.digest().toString(), target.size()));
  }

  private static boolean signatureValid(NotaryJws.VerificationInput input, PublicKey key) {
    JwsAlgorithm algorithm = input.algorithm();
    try {
      PublicKeyInfo trusted =
          PublicKeyInfo.of(Bytes.of(key.getEncoded()), signatureAlgorithm(algorithm));
      Bytes signature = input.signature();
      if (algorithm.isEcdsa()) {
        // JWS carries R || S (RFC 7518 §3.4); the core verifier reads DER
        signature = EcdsaSignatures.rawToDer(signature, trusted.keyType());
      }
      BcVerifiers.of(trusted).verify(input.signingInput(), signature);
      return true;
    } catch (KeyException | VerificationException | IllegalArgumentException e) {
      // a key the core verifiers refuse, or a raw signature of the wrong length, verifies nothing
      return false;
    }
  }

  /**
   * The core algorithm of a Notary JWS algorithm: ES256/384/512 are ECDSA on P-256/384/521 with
   * SHA-256/384/512; PS256/384/512 are RSASSA-PSS with MGF1 of the same hash and a salt as long as
   * the hash (FORMATS.md §5.5), which is how {@link SignatureAlgorithm} defines its PSS members.
   */
  static SignatureAlgorithm signatureAlgorithm(JwsAlgorithm algorithm) {
    switch (algorithm) {
      case ES256:
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case ES384:
        return SignatureAlgorithm.ECDSA_P384_SHA384;
      case ES512:
        return SignatureAlgorithm.ECDSA_P521_SHA512;
      case PS256:
        return SignatureAlgorithm.RSA_PSS_SHA256;
      case PS384:
        return SignatureAlgorithm.RSA_PSS_SHA384;
      case PS512:
        return SignatureAlgorithm.RSA_PSS_SHA512;
      default:
        throw new AssertionError("unknown Notary algorithm " + algorithm);
    }
  }
}
