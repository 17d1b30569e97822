package dev.custody.core.internal.notary.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.CustodyException.Reason;
import dev.custody.core.internal.json.Json;
import dev.custody.core.internal.notary.trust.Truncate;
import dev.custody.core.internal.notary.verify.SignerInfo;
import dev.custody.core.internal.notary.verify.SigningAlgorithm;
import dev.custody.core.internal.notary.verify.SigningScheme;
import dev.custody.core.internal.notary.verify.TargetArtifact;
import dev.custody.sign.VerificationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * INTERIM minimal JWS envelope reader (see the package note). Order: parse the JSON with the
 * hardened mapper; decode the x5c chain; derive the algorithm from the leaf key and refuse a
 * header {@code alg} that differs; verify the signature over the exact
 * {@code protected.payload} text; only then read the protected header's claims and the payload.
 * Every failure is an integrity failure ({@link VerificationException}).
 */
public final class InterimJwsEnvelopeReader {
  /** Media type of a JWS envelope layer. */
  public static final String MEDIA_TYPE = "application/jose+json";
  /** The only payload content type. */
  public static final String PAYLOAD_CTY = "application/vnd.cncf.notary.payload.v1+json";
  /** Envelopes larger than this are refused (notation-go caps signature blobs at 32 MiB). */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final int MAX_CHAIN = 10;
  private static final String SCHEME = "io.cncf.notary.signingScheme";
  private static final String SIGNING_TIME = "io.cncf.notary.signingTime";
  private static final String AUTHENTIC_SIGNING_TIME = "io.cncf.notary.authenticSigningTime";
  private static final String EXPIRY = "io.cncf.notary.expiry";
  private static final String PLUGIN = "io.cncf.notary.verificationPlugin";
  private static final String PLUGIN_MIN = "io.cncf.notary.verificationPluginMinVersion";
  private static final Set<String> TOP_LEVEL = Set.of("payload", "protected", "header", "signature");
  private static final Set<String> REGISTERED =
      Set.of("alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit");

  private InterimJwsEnvelopeReader() {}

  /**
   * Parses and verifies an envelope.
   *
   * @param mediaType the envelope layer's media type
   * @param envelope the exact envelope bytes
   * @return what the verified envelope says
   * @throws VerificationException if the media type is not JWS, the envelope is malformed, the
   *     algorithm does not fit the key, or the signature does not verify
   */
  public static SignerInfo read(String mediaType, Bytes envelope) throws VerificationException {
    if (!MEDIA_TYPE.equals(mediaType)) {
      throw malformed(
          "signature envelope format with media type \"" + Truncate.of(mediaType)
              + "\" is not supported (expected " + MEDIA_TYPE + ")");
    }
    if (envelope.size() > MAX_BYTES) {
      throw new VerificationException(
          Reason.LIMIT_EXCEEDED,
          "read JWS envelope: too large (expected at most " + MAX_BYTES + " bytes, got "
              + envelope.size() + ")",
          null);
    }
    JsonNode root = json(envelope, "JWS envelope");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!TOP_LEVEL.contains(name)) {
        throw malformed("unexpected top-level member \"" + Truncate.of(name) + "\"");
      }
    }
    String protectedText = text(root, "protected");
    String payloadText = text(root, "payload");
    byte[] signature = base64Url(text(root, "signature"), "signature");
    JsonNode header = root.get("header");
    if (header == null || !header.isObject()) {
      throw malformed("unprotected header \"header\" is missing or not an object");
    }
    List<X509Certificate> chain = chain(header.get("x5c"));
    SigningAlgorithm alg =
        SigningAlgorithm.forKey(chain.get(0).getPublicKey())
            .orElseThrow(
                () ->
                    new VerificationException(
                        Reason.UNSUPPORTED,
                        "read JWS envelope: the signing certificate's key is not supported"
                            + " (expected RSA 2048/3072/4096 or EC P-256/P-384/P-521)",
                        null));
    JsonNode protectedHeader =
        json(Bytes.of(base64Url(protectedText, "protected")), "JWS protected header");
    String headerAlg = requiredString(protectedHeader, "alg");
    if (!headerAlg.equals(alg.name())) {
      throw malformed(
          "signature algorithm does not match the signing certificate's key (expected "
              + alg.name() + ", got " + Truncate.of(headerAlg) + ")");
    }
    byte[] signingInput = (protectedText + "." + payloadText).getBytes(StandardCharsets.US_ASCII);
    boolean valid;
    try {
      valid = alg.verify(chain.get(0).getPublicKey(), signingInput, signature);
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new VerificationException(
          Reason.VERIFICATION_FAILED,
          "verify JWS envelope: the signature is not valid for the signing certificate's key",
          null);
    }
    return signerInfo(protectedHeader, header, alg, chain, signature, payloadText);
  }

  private static SignerInfo signerInfo(
      JsonNode ph,
      JsonNode header,
      SigningAlgorithm alg,
      List<X509Certificate> chain,
      byte[] signature,
      String payloadText)
      throws VerificationException {
    if (!PAYLOAD_CTY.equals(requiredString(ph, "cty"))) {
      throw malformed("protected header cty is not " + PAYLOAD_CTY);
    }
    JsonNode crit = ph.get("crit");
    if (crit == null || !crit.isArray()) {
      throw malformed("protected header crit is missing or not an array");
    }
    Set<String> critical = new HashSet<>();
    for (JsonNode c : crit) {
      if (!c.isTextual()) {
        throw malformed("protected header crit holds a non-string");
      }
      String name = c.textValue();
      if (REGISTERED.contains(name)) {
        throw malformed("protected header crit lists registered header \"" + name + "\"");
      }
      if (!ph.has(name)) {
        throw malformed("critical header \"" + Truncate.of(name) + "\" is not present");
      }
      critical.add(name);
    }
    if (!critical.contains(SCHEME)) {
      throw malformed("protected header crit does not list " + SCHEME);
    }
    for (String mustBeCritical : List.of(EXPIRY, AUTHENTIC_SIGNING_TIME, PLUGIN, PLUGIN_MIN)) {
      if (ph.has(mustBeCritical) && !critical.contains(mustBeCritical)) {
        throw malformed("header " + mustBeCritical + " is present but not critical");
      }
    }
    if (ph.has(PLUGIN)) {
      // notation would hand the signature to this plugin; Custody runs no plugins.
      throw new VerificationException(
          Reason.UNSUPPORTED,
          "read JWS envelope: the signature requires verification plugin \""
              + Truncate.of(ph.get(PLUGIN).asText()) + "\", which Custody cannot run",
          null);
    }
    for (String name : critical) {
      if (!name.equals(SCHEME) && !name.equals(SIGNING_TIME) && !name.equals(EXPIRY)
          && !name.equals(AUTHENTIC_SIGNING_TIME) && !name.equals(PLUGIN_MIN)) {
        throw malformed("unknown critical header \"" + Truncate.of(name) + "\"");
      }
    }
    String schemeText = requiredString(ph, SCHEME);
    SigningScheme scheme;
    Instant signingTime;
    if (schemeText.equals(SigningScheme.X509.value())) {
      scheme = SigningScheme.X509;
      if (ph.has(AUTHENTIC_SIGNING_TIME)) {
        throw malformed(AUTHENTIC_SIGNING_TIME + " is not allowed with notary.x509");
      }
      signingTime = time(ph, SIGNING_TIME);
    } else if (schemeText.equals(SigningScheme.X509_SIGNING_AUTHORITY.value())) {
      scheme = SigningScheme.X509_SIGNING_AUTHORITY;
      if (ph.has(SIGNING_TIME)) {
        throw malformed(SIGNING_TIME + " is not allowed with notary.x509.signingAuthority");
      }
      signingTime = time(ph, AUTHENTIC_SIGNING_TIME);
    } else {
      throw malformed("unsupported signing scheme \"" + Truncate.of(schemeText) + "\"");
    }
    Optional<Instant> expiry = Optional.empty();
    if (ph.has(EXPIRY)) {
      Instant e = time(ph, EXPIRY);
      if (!e.isAfter(signingTime)) {
        throw malformed("expiry " + e + " is not after the signing time " + signingTime);
      }
      expiry = Optional.of(e);
    }
    Optional<Bytes> token = Optional.empty();
    JsonNode ts = header.get("io.cncf.notary.timestampSignature");
    if (ts != null) {
      if (!ts.isTextual()) {
        throw malformed("io.cncf.notary.timestampSignature is not a string");
      }
      token = Optional.of(Bytes.of(base64(ts.textValue(), "io.cncf.notary.timestampSignature")));
    }
    JsonNode payload = json(Bytes.of(base64Url(payloadText, "payload")), "JWS payload");
    JsonNode target = payload.get("targetArtifact");
    if (target == null || !target.isObject()) {
      throw malformed("payload has no targetArtifact object");
    }
    JsonNode size = target.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
      throw malformed("payload targetArtifact.size is missing or not a non-negative integer");
    }
    TargetArtifact artifact =
        new TargetArtifact(
            requiredString(target, "mediaType"), requiredString(target, "digest"), size.asLong());
    return new SignerInfo(
        alg, scheme, signingTime, expiry, chain, token, Bytes.of(signature), artifact);
  }

  private static List<X509Certificate> chain(JsonNode x5c) throws VerificationException {
    if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
      throw malformed("certificate chain x5c is missing or empty");
    }
    if (x5c.size() > MAX_CHAIN) {
      throw malformed("certificate chain x5c is too long (expected at most " + MAX_CHAIN + ")");
    }
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < x5c.size(); i++) {
        JsonNode item = x5c.get(i);
        if (!item.isTextual()) {
          throw malformed("x5c[" + i + "] is not a string");
        }
        byte[] der = base64(item.textValue(), "x5c[" + i + "]");
        certs.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException e) {
      throw new VerificationException(
          Reason.INVALID_INPUT, "read JWS envelope: x5c holds a malformed certificate", e);
    }
    return certs;
  }

  private static Instant time(JsonNode ph, String name) throws VerificationException {
    String text = requiredString(ph, name);
    try {
      // RFC 3339 with an offset; the 2023 notation envelopes use +08:00.
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(name + " is not an RFC 3339 time (got \"" + Truncate.of(text) + "\")");
    }
  }

  private static JsonNode json(Bytes content, String what) throws VerificationException {
    try {
      JsonNode node = Json.read(content, what);
      if (!node.isObject()) {
        throw malformed(what + " is not a JSON object");
      }
      return node;
    } catch (dev.custody.InvalidInputException e) {
      throw new VerificationException(Reason.INVALID_INPUT, e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String name) throws VerificationException {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw malformed("member \"" + name + "\" is missing or not a string");
    }
    return value.textValue();
  }

  private static String requiredString(JsonNode node, String name) throws VerificationException {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw malformed("\"" + name + "\" is missing or not a string");
    }
    return value.textValue();
  }

  private static byte[] base64Url(String text, String what) throws VerificationException {
    if (text.indexOf('=') >= 0) {
      throw malformed(what + " must be unpadded base64url");
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not valid base64url");
    }
  }

  private static byte[] base64(String text, String what) throws VerificationException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not valid base64");
    }
  }

  private static VerificationException malformed(String problem) {
    return new VerificationException(Reason.INVALID_INPUT, "read JWS envelope: " + problem, null);
  }
}
