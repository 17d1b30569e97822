package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.sign.VerificationException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A Notary JWS envelope that has been read and checked for form, but not verified: its protected
 * header, payload bytes, certificate chain, signing input and signature. The only way to get
 * something to verify is {@link #bindKey}, which takes the algorithm from the caller's key and
 * refuses an envelope whose {@code alg} says otherwise (algorithm confusion). Immutable.
 */
public final class NotaryJws {
  private final NotaryProtectedHeader protectedHeader;
  private final Bytes payload;
  private final List<X509Certificate> certificateChain;
  private final Optional<Bytes> timestampToken;
  private final Optional<String> signingAgent;
  private final Bytes signingInput;
  private final Bytes signature;

  NotaryJws(
      NotaryProtectedHeader protectedHeader,
      Bytes payload,
      List<X509Certificate> certificateChain,
      Optional<Bytes> timestampToken,
      Optional<String> signingAgent,
      Bytes signingInput,
      Bytes signature) {
    this.protectedHeader = protectedHeader;
    this.payload = payload;
    this.certificateChain = List.copyOf(certificateChain);
    this.timestampToken = timestampToken;
    this.signingAgent = signingAgent;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** {@return the validated protected header} */
  public NotaryProtectedHeader protectedHeader() {
    return protectedHeader;
  }

  /**
   * {@return the decoded payload bytes; parse them with {@link NotaryPayload#parse} after
   * verifying}
   */
  public Bytes payload() {
    return payload;
  }

  /** {@return the {@code x5c} chain, leaf first; not validated here} */
  public List<X509Certificate> certificateChain() {
    return certificateChain;
  }

  /** {@return the RFC 3161 timestamp token, if present; not validated here} */
  public Optional<Bytes> timestampToken() {
    return timestampToken;
  }

  /** {@return the unprotected signing agent text, if present (never trusted)} */
  public Optional<String> signingAgent() {
    return signingAgent;
  }

  /**
   * {@return the signing input: ASCII of the base64url protected header, '.', base64url payload}
   */
  public Bytes signingInput() {
    return signingInput;
  }

  /** {@return the raw signature bytes as carried in the envelope} */
  public Bytes signature() {
    return signature;
  }

  /**
   * Pins the verification algorithm to a key the caller chose (normally the leaf certificate's key
   * after chain validation).
   *
   * @param key the key to verify with
   * @return what to verify: algorithm from the key, signing input and signature
   * @throws VerificationException if the key is of an unsupported kind or the envelope's {@code
   *     alg} does not match it
   */
  public VerificationInput bindKey(PublicKey key) throws VerificationException {
    requireNonNull(key, "key");
    JwsAlgorithm fromKey;
    try {
      fromKey = JwsAlgorithm.forKey(key);
    } catch (InvalidInputException e) {
      throw new VerificationException(
          CustodyException.Reason.UNSUPPORTED, "verify Notary JWS: " + e.getMessage(), e);
    }
    JwsAlgorithm declared = protectedHeader.declaredAlgorithm();
    if (declared != fromKey) {
      throw new VerificationException(
          CustodyException.Reason.VERIFICATION_FAILED,
          "verify Notary JWS: algorithm does not match the key (expected "
              + fromKey.jwsName()
              + " from the key, got alg "
              + declared.jwsName()
              + ")",
          null);
    }
    return new VerificationInput(fromKey, signingInput, signature);
  }

  /**
   * What a verifier checks: a signature by a key of {@link #algorithm()} over {@link
   * #signingInput()}.
   *
   * @param algorithm the algorithm, taken from the key
   * @param signingInput the bytes that were signed
   * @param signature the signature as carried ({@code R||S} for ES*)
   */
  public record VerificationInput(JwsAlgorithm algorithm, Bytes signingInput, Bytes signature) {
    /** Checks the components. */
    public VerificationInput {
      requireNonNull(algorithm, "algorithm");
      requireNonNull(signingInput, "signingInput");
      requireNonNull(signature, "signature");
    }

    /**
     * The signature in the encoding JCA's {@code Signature.verify} expects: DER for ECDSA, the
     * bytes as they are for RSASSA-PSS.
     *
     * @return the signature bytes for JCA
     * @throws VerificationException if an ECDSA signature cannot be transcoded
     */
    public Bytes jcaSignature() throws VerificationException {
      if (!algorithm.isEcdsa()) {
        return signature;
      }
      try {
        return Bytes.of(ECDSA.transcodeSignatureToDER(signature.toByteArray()));
      } catch (JOSEException e) {
        throw new VerificationException(
            CustodyException.Reason.VERIFICATION_FAILED,
            "verify Notary JWS: malformed " + algorithm.jwsName() + " signature",
            e);
      }
    }
  }
}
