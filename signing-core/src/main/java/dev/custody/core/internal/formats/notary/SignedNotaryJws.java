package dev.custody.core.internal.formats.notary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.core.internal.formats.Base64s;
import dev.custody.core.internal.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * A Notary JWS envelope Custody has just signed: the envelope bytes plus the raw signature, which
 * an RFC 3161 timestamp must cover (FORMATS.md §5.6), so a countersignature can be added with
 * {@link #withTimestamp} without signing again. Immutable.
 */
public final class SignedNotaryJws {
  private final String protectedPart;
  private final String payloadPart;
  private final List<Bytes> certificates;
  private final Optional<Bytes> timestampToken;
  private final Optional<String> signingAgent;
  private final Bytes signature;
  private final Bytes envelope;

  SignedNotaryJws(
      String protectedPart,
      String payloadPart,
      List<Bytes> certificates,
      Optional<Bytes> timestampToken,
      Optional<String> signingAgent,
      Bytes signature) {
    this.protectedPart = protectedPart;
    this.payloadPart = payloadPart;
    this.certificates = List.copyOf(certificates);
    this.timestampToken = timestampToken;
    this.signingAgent = signingAgent;
    this.signature = signature;
    this.envelope = serialise();
  }

  // Flattened JWS JSON serialisation with exactly the members notation writes, in its order.
  private Bytes serialise() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("payload", payloadPart);
    root.put("protected", protectedPart);
    ObjectNode header = root.putObject("header");
    ArrayNode x5c = header.putArray("x5c");
    certificates.forEach(c -> x5c.add(Base64s.standard(c)));
    timestampToken.ifPresent(
        t -> header.put(NotaryHeaders.TIMESTAMP_SIGNATURE, Base64s.standard(t)));
    signingAgent.ifPresent(a -> header.put(NotaryHeaders.SIGNING_AGENT, a));
    root.put("signature", Base64s.urlNoPadding(signature));
    return Json.write(root);
  }

  /** {@return the envelope bytes (the {@code application/jose+json} layer blob)} */
  public Bytes envelope() {
    return envelope;
  }

  /** {@return the raw signature bytes ({@code R||S} or PSS), what a TSA timestamps} */
  public Bytes signature() {
    return signature;
  }

  /** {@return the DER certificates of {@code x5c}, leaf first} */
  public List<Bytes> certificates() {
    return certificates;
  }

  /**
   * Adds an RFC 3161 timestamp countersignature to the unprotected header.
   *
   * @param token the DER TimeStampToken over {@link #signature()}
   * @return the envelope with the token
   */
  public SignedNotaryJws withTimestamp(Bytes token) {
    requireNonNull(token, "token");
    return new SignedNotaryJws(
        protectedPart, payloadPart, certificates, Optional.of(token), signingAgent, signature);
  }
}
