package dev.custody.core.internal.formats.dsse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Base64s;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes DSSE envelope JSON (FORMATS.md §6.4). Writing follows go-securesystemslib
 * (cosign up to v2): {@code payloadType, payload, signatures[{keyid, sig}]}, keyid always present;
 * the protobuf form used inside Sigstore bundles is {@link #protoJson}. Reading accepts either
 * order, standard or URL-safe base64, and ignores unknown members as the spec requires.
 */
public final class DsseEnvelopeCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "DSSE envelope";

  private DsseEnvelopeCodec() {}

  /** {@return the envelope as go-securesystemslib writes it} */
  public static Bytes write(DsseEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    ObjectNode o = NODES.objectNode();
    o.put("payloadType", envelope.payloadType());
    o.put("payload", Base64s.standard(envelope.payload()));
    ArrayNode sigs = o.putArray("signatures");
    for (DsseSignature s : envelope.signatures()) {
      ObjectNode n = sigs.addObject();
      n.put("keyid", s.keyId());
      n.put("sig", Base64s.standard(s.sig()));
    }
    return Json.write(o);
  }

  /**
   * The envelope as the protobuf JSON mapping writes it (field order of envelope.proto, empty keyid
   * omitted), for embedding in a Sigstore bundle.
   *
   * @param envelope the envelope
   * @return a fresh tree
   */
  public static ObjectNode protoJson(DsseEnvelope envelope) {
    requireNonNull(envelope, "envelope");
    ObjectNode o = NODES.objectNode();
    o.put("payload", Base64s.standard(envelope.payload()));
    o.put("payloadType", envelope.payloadType());
    ArrayNode sigs = o.putArray("signatures");
    for (DsseSignature s : envelope.signatures()) {
      ObjectNode n = sigs.addObject();
      n.put("sig", Base64s.standard(s.sig()));
      if (!s.keyId().isEmpty()) {
        n.put("keyid", s.keyId());
      }
    }
    return o;
  }

  /**
   * Parses an envelope from its exact bytes.
   *
   * @param content the envelope bytes
   * @return the envelope
   * @throws InvalidInputException if the bytes are not a well-formed envelope, naming the field
   */
  public static DsseEnvelope parse(Bytes content) throws InvalidInputException {
    return parse(JsonView.parse(content, WHAT));
  }

  /**
   * Parses an envelope from a parsed node (for example a bundle's {@code dsseEnvelope}).
   *
   * @param node the envelope object
   * @return the envelope
   * @throws InvalidInputException if the node is not a well-formed envelope, naming the field
   */
  public static DsseEnvelope parse(JsonView node) throws InvalidInputException {
    node.object();
    String payloadType = node.field("payloadType", "payload_type").nonEmptyString();
    Bytes payload = node.field("payload").base64();
    List<DsseSignature> signatures = new ArrayList<>();
    for (JsonView s : node.field("signatures").nonEmptyArray()) {
      s.object();
      Bytes sig = s.field("sig").base64();
      if (sig.isEmpty()) {
        throw s.field("sig").error("must not be empty");
      }
      Optional<JsonView> keyId = s.optionalField("keyid");
      signatures.add(new DsseSignature(keyId.isPresent() ? keyId.get().string() : "", sig));
    }
    return new DsseEnvelope(payloadType, payload, signatures);
  }
}
