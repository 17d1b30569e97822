package dev.custody.core.internal.formats.notary;

import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Notary JWS envelope strictly (FORMATS.md §5.3): exactly the members {@code payload,
 * protected, header, signature}; unpadded base64url parts; a protected header with an allowed
 * {@code alg}, the Notary {@code cty}, a {@code crit} list that names the signing scheme and every
 * critical member present and nothing Custody does not understand; the scheme's time headers; and a
 * non-empty {@code x5c} of DER certificates. All JSON goes through the hardened mapper; Nimbus's
 * parser is not used on untrusted input. Verification is the caller's, after {@link
 * NotaryJws#bindKey}.
 */
public final class NotaryJwsReader {
  private static final String WHAT = "Notary JWS envelope";
  private static final String HEADER_WHAT = "Notary JWS protected header";
  private static final Set<String> TOP_LEVEL =
      Set.of("payload", "protected", "header", "signature");

  private NotaryJwsReader() {}

  /**
   * Parses an envelope.
   *
   * @param content the exact envelope bytes
   * @return the unverified envelope
   * @throws InvalidInputException naming the offending member; reason UNSUPPORTED for an algorithm
   *     or critical header Custody does not support
   */
  public static NotaryJws parse(Bytes content) throws InvalidInputException {
    JsonView root = JsonView.parse(content, WHAT).object();
    root.requireOnlyFields(TOP_LEVEL);
    JsonView protectedNode = root.field("protected");
    String protectedPart = protectedNode.string();
    Bytes protectedBytes = protectedNode.base64Url();
    JsonView payloadNode = root.field("payload");
    String payloadPart = payloadNode.string();
    Bytes payload = payloadNode.base64Url();
    JsonView signatureNode = root.field("signature");
    Bytes signature = signatureNode.base64Url();
    if (signature.isEmpty()) {
      throw signatureNode.error("must not be empty");
    }
    JsonView header = JsonView.parse(protectedBytes, HEADER_WHAT).object();
    NotaryProtectedHeader ph = protectedHeader(protectedBytes, header);
    JwsAlgorithm alg = ph.declaredAlgorithm();
    if (alg.isEcdsa() && signature.size() != alg.rawSignatureLength()) {
      throw signatureNode.error(
          alg.jwsName()
              + " signature must be "
              + alg.rawSignatureLength()
              + " bytes R||S (got "
              + signature.size()
              + ")");
    }
    JsonView unprotected = root.field("header").object();
    Set<String> protectedNames = new HashSet<>(header.fieldNames());
    for (String name : unprotected.fieldNames()) {
      if (protectedNames.contains(name)) {
        // RFC 7515 §7.2.1: protected and unprotected header names must be disjoint
        throw unprotected.field(name).error("also in the protected header");
      }
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (JsonView c : unprotected.field("x5c").nonEmptyArray()) {
      chain.add(certificate(c));
    }
    Optional<Bytes> timestamp = Optional.empty();
    Optional<JsonView> ts = unprotected.optionalField(NotaryHeaders.TIMESTAMP_SIGNATURE);
    if (ts.isPresent()) {
      timestamp = Optional.of(ts.get().base64());
    }
    Optional<String> agent = Optional.empty();
    Optional<JsonView> ag = unprotected.optionalField(NotaryHeaders.SIGNING_AGENT);
    if (ag.isPresent()) {
      agent = Optional.of(ag.get().string());
    }
    Bytes signingInput =
        Bytes.of((protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII));
    return new NotaryJws(ph, payload, chain, timestamp, agent, signingInput, signature);
  }

  private static NotaryProtectedHeader protectedHeader(Bytes raw, JsonView h)
      throws InvalidInputException {
    JsonView algNode = h.field("alg");
    String algName = algNode.string();
    JwsAlgorithm alg =
        JwsAlgorithm.fromJwsName(algName)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        CustodyException.Reason.UNSUPPORTED,
                        "read "
                            + HEADER_WHAT
                            + ": field alg: unsupported algorithm \""
                            + JsonView.shorten(algName)
                            + "\" (expected PS256, PS384, PS512, ES256, ES384 or ES512)"));
    JsonView cty = h.field("cty");
    if (!NotaryHeaders.PAYLOAD_CONTENT_TYPE.equals(cty.string())) {
      throw cty.error(
          "expected "
              + NotaryHeaders.PAYLOAD_CONTENT_TYPE
              + " (got \""
              + JsonView.shorten(cty.string())
              + "\")");
    }
    JsonView critNode = h.field("crit");
    List<String> crit = new ArrayList<>();
    Map<String, JsonView> members = h.members();
    for (JsonView c : critNode.nonEmptyArray()) {
      String name = c.string();
      if (crit.contains(name)) {
        throw c.error("duplicate critical header " + JsonView.shorten(name));
      }
      if (!NotaryHeaders.KNOWN_CRITICAL.contains(name)) {
        throw new InvalidInputException(
            CustodyException.Reason.UNSUPPORTED,
            "read "
                + HEADER_WHAT
                + ": field "
                + c.path()
                + ": unknown critical header \""
                + JsonView.shorten(name)
                + "\"");
      }
      if (!members.containsKey(name)) {
        throw c.error("critical header " + name + " is not present");
      }
      crit.add(name);
    }
    for (String mustBeCritical :
        List.of(
            NotaryHeaders.SIGNING_SCHEME,
            NotaryHeaders.EXPIRY,
            NotaryHeaders.AUTHENTIC_SIGNING_TIME,
            NotaryHeaders.VERIFICATION_PLUGIN,
            NotaryHeaders.VERIFICATION_PLUGIN_MIN_VERSION)) {
      if ((members.containsKey(mustBeCritical)
              || mustBeCritical.equals(NotaryHeaders.SIGNING_SCHEME))
          && !crit.contains(mustBeCritical)) {
        throw critNode.error("must list " + mustBeCritical);
      }
    }
    if (members.containsKey(NotaryHeaders.VERIFICATION_PLUGIN)) {
      // A verifier that cannot run the plugin's logic must fail (signature-specification.md)
      throw new InvalidInputException(
          CustodyException.Reason.UNSUPPORTED,
          "read "
              + HEADER_WHAT
              + ": field "
              + NotaryHeaders.VERIFICATION_PLUGIN
              + ": verification plugins are not supported");
    }
    JsonView schemeNode = h.field(NotaryHeaders.SIGNING_SCHEME);
    String scheme = schemeNode.string();
    Optional<Instant> signingTime = optionalTime(h, NotaryHeaders.SIGNING_TIME);
    Optional<Instant> authentic = optionalTime(h, NotaryHeaders.AUTHENTIC_SIGNING_TIME);
    if (scheme.equals(NotaryHeaders.SCHEME_X509)) {
      requirePresence(h, NotaryHeaders.SIGNING_TIME, signingTime, true, scheme);
      requirePresence(h, NotaryHeaders.AUTHENTIC_SIGNING_TIME, authentic, false, scheme);
    } else if (scheme.equals(NotaryHeaders.SCHEME_SIGNING_AUTHORITY)) {
      requirePresence(h, NotaryHeaders.AUTHENTIC_SIGNING_TIME, authentic, true, scheme);
      requirePresence(h, NotaryHeaders.SIGNING_TIME, signingTime, false, scheme);
    } else {
      throw schemeNode.error(
          "unknown signing scheme \""
              + JsonView.shorten(scheme)
              + "\" (expected "
              + NotaryHeaders.SCHEME_X509
              + " or "
              + NotaryHeaders.SCHEME_SIGNING_AUTHORITY
              + ")");
    }
    Optional<Instant> expiry = optionalTime(h, NotaryHeaders.EXPIRY);
    return new NotaryProtectedHeader(
        raw, alg, crit, scheme, signingTime, authentic, expiry, h.tree());
  }

  private static Optional<Instant> optionalTime(JsonView h, String name)
      throws InvalidInputException {
    Optional<JsonView> v = h.optionalField(name);
    return v.isPresent() ? Optional.of(v.get().timestamp()) : Optional.empty();
  }

  private static void requirePresence(
      JsonView h, String name, Optional<Instant> value, boolean required, String scheme)
      throws InvalidInputException {
    if (required && value.isEmpty()) {
      throw new InvalidInputException(
          "read " + HEADER_WHAT + ": field " + name + ": missing (required for " + scheme + ")");
    }
    if (!required && value.isPresent()) {
      throw h.field(name).error("not allowed for " + scheme);
    }
  }

  private static X509Certificate certificate(JsonView node) throws InvalidInputException {
    Bytes der = node.base64();
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
      if (!Bytes.of(cert.getEncoded()).equals(der)) {
        throw node.error("not exactly one DER certificate");
      }
      return cert;
    } catch (CertificateException | RuntimeException e) {
      // the JDK's DER parser may also throw unchecked exceptions on hostile input
      throw node.error("not a DER X.509 certificate");
    }
  }
}
