package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Rfc3339;
import dev.custody.core.internal.json.Json;
import dev.custody.sign.SigningException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and signs a Notary JWS envelope with scheme {@code notary.x509} (FORMATS.md §5.3) using
 * Nimbus JOSE+JWT for the JWS object and signing input. The protected header is written by Custody
 * in notation's key order (sorted, as a Go map) and handed to Nimbus as exact bytes, so the signed
 * header is byte-identical to notation's: {@code alg} from the key, {@code cty} the Notary payload
 * type, {@code crit} naming the signing scheme (and the expiry when set), the scheme, the signing
 * time in whole seconds, and the optional expiry. Not thread-safe.
 */
public final class NotaryJwsBuilder {
  private Bytes payload;
  private JwsAlgorithm algorithm;
  private RawSigner signer;
  private final List<X509Certificate> chain = new ArrayList<>();
  private Instant signingTime;
  private Instant expiry;
  private String signingAgent;

  private NotaryJwsBuilder() {}

  /** {@return a new builder} */
  public static NotaryJwsBuilder builder() {
    return new NotaryJwsBuilder();
  }

  /**
   * Sets the payload bytes (see {@link NotaryPayload#build}). @param value the bytes @return this
   */
  public NotaryJwsBuilder payload(Bytes value) {
    this.payload = requireNonNull(value, "value");
    return this;
  }

  /**
   * Sets the key that signs: its algorithm (fixed by the key) and a function that signs with it.
   *
   * @param keyAlgorithm the key's algorithm; must match the leaf certificate
   * @param value the signing function
   * @return this builder
   */
  public NotaryJwsBuilder signer(JwsAlgorithm keyAlgorithm, RawSigner value) {
    this.algorithm = requireNonNull(keyAlgorithm, "keyAlgorithm");
    this.signer = requireNonNull(value, "value");
    return this;
  }

  /** Sets the chain, leaf first, ending in a root. @param value the chain @return this builder */
  public NotaryJwsBuilder certificateChain(List<X509Certificate> value) {
    chain.clear();
    chain.addAll(List.copyOf(value));
    return this;
  }

  /**
   * Sets the signing time; fractions of a second are dropped. @param value the time @return this
   */
  public NotaryJwsBuilder signingTime(Instant value) {
    this.signingTime = requireNonNull(value, "value");
    return this;
  }

  /** Sets the expiry (made critical). @param value the time @return this builder */
  public NotaryJwsBuilder expiry(Instant value) {
    this.expiry = requireNonNull(value, "value");
    return this;
  }

  /**
   * Sets the unprotected signing agent, e.g. {@code custody/0.1.0}. @param value text @return this
   */
  public NotaryJwsBuilder signingAgent(String value) {
    this.signingAgent = requireNonNull(value, "value");
    return this;
  }

  /**
   * The protected header bytes for the settings so far.
   *
   * @return the exact JSON bytes that are base64url-encoded into {@code protected}
   */
  public Bytes protectedHeader() {
    checkState();
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("alg", algorithm.jwsName());
    var crit = h.putArray("crit");
    crit.add(NotaryHeaders.SIGNING_SCHEME);
    if (expiry != null) {
      crit.add(NotaryHeaders.EXPIRY);
    }
    h.put("cty", NotaryHeaders.PAYLOAD_CONTENT_TYPE);
    if (expiry != null) {
      h.put(NotaryHeaders.EXPIRY, Rfc3339.formatSeconds(expiry));
    }
    h.put(NotaryHeaders.SIGNING_SCHEME, NotaryHeaders.SCHEME_X509);
    h.put(NotaryHeaders.SIGNING_TIME, Rfc3339.formatSeconds(signingTime));
    return Json.write(h);
  }

  /**
   * Signs.
   *
   * @return the signed envelope
   * @throws SigningException if the signer fails or returns a malformed ECDSA signature
   * @throws IllegalStateException if payload, signer, chain or signing time is missing
   * @throws IllegalArgumentException if the leaf key's algorithm differs from the signer's
   */
  public SignedNotaryJws sign() throws SigningException {
    checkState();
    if (payload == null) {
      throw new IllegalStateException("payload is required");
    }
    checkLeafMatches();
    List<Bytes> der = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        der.add(Bytes.of(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException(
            "certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
      }
    }
    Base64URL protectedPart = Base64URL.encode(protectedHeader().toByteArray());
    JWSObject jws;
    try {
      jws = new JWSObject(JWSHeader.parse(protectedPart), new Payload(payload.toByteArray()));
    } catch (ParseException e) {
      throw new IllegalStateException("Nimbus rejected Custody's own protected header", e);
    }
    NimbusAdapter adapter = new NimbusAdapter(algorithm, signer);
    try {
      jws.sign(adapter);
    } catch (JOSEException e) {
      if (adapter.failure != null) {
        throw adapter.failure;
      }
      throw new SigningException(
          CustodyException.Reason.INVALID_INPUT, "sign Notary JWS: " + e.getMessage(), e);
    }
    return new SignedNotaryJws(
        jws.getHeader().toBase64URL().toString(),
        jws.getPayload().toBase64URL().toString(),
        der,
        Optional.empty(),
        Optional.ofNullable(signingAgent),
        Bytes.of(jws.getSignature().decode()));
  }

  private void checkState() {
    if (algorithm == null || signer == null) {
      throw new IllegalStateException("signer is required");
    }
    if (signingTime == null) {
      throw new IllegalStateException("signingTime is required");
    }
  }

  private void checkLeafMatches() {
    if (chain.isEmpty()) {
      throw new IllegalStateException("certificateChain is required (leaf first)");
    }
    JwsAlgorithm leaf;
    try {
      leaf = JwsAlgorithm.forKey(chain.get(0).getPublicKey());
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException("leaf certificate: " + e.getMessage(), e);
    }
    if (leaf != algorithm) {
      throw new IllegalArgumentException(
          "leaf certificate key signs "
              + leaf.jwsName()
              + ", but the signer is "
              + algorithm.jwsName());
    }
  }

  /** Lets Nimbus call Custody's signing function; transcodes DER ECDSA to JWS R||S. */
  private static final class NimbusAdapter implements JWSSigner {
    private final JwsAlgorithm algorithm;
    private final RawSigner signer;
    private final JCAContext context = new JCAContext();
    SigningException failure;

    NimbusAdapter(JwsAlgorithm algorithm, RawSigner signer) {
      this.algorithm = algorithm;
      this.signer = signer;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      if (!algorithm.nimbus().equals(header.getAlgorithm())) {
        throw new JOSEException("header alg differs from the key's algorithm");
      }
      Bytes signature;
      try {
        signature = signer.sign(Bytes.of(signingInput));
      } catch (SigningException e) {
        failure = e;
        throw new JOSEException(e.getMessage(), e);
      }
      byte[] out = signature.toByteArray();
      if (algorithm.isEcdsa()) {
        // RFC 7518 §3.4: JWS carries R||S, each padded to the curve size, not DER
        out = ECDSA.transcodeSignatureToConcat(out, algorithm.rawSignatureLength());
      }
      return Base64URL.encode(out);
    }

    @Override
    public Set<com.nimbusds.jose.JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(algorithm.nimbus());
    }

    @Override
    public JCAContext getJCAContext() {
      return context;
    }
  }
}
