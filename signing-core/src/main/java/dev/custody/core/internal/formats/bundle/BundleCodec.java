package dev.custody.core.internal.formats.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.Bytes;
import dev.custody.CustodyException;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.Base64s;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.dsse.DsseEnvelope;
import dev.custody.core.internal.formats.dsse.DsseEnvelopeCodec;
import dev.custody.core.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes Sigstore bundle JSON (the protobuf JSON mapping of {@code
 * dev.sigstore.bundle.v1.Bundle}, FORMATS.md §6.7). Writing is compact in proto field order ({@code
 * mediaType, verificationMaterial, messageSignature | dsseEnvelope}). Reading accepts the v0.1–v0.3
 * media types, lowerCamelCase or original snake_case names, standard or URL-safe base64, ignores
 * unknown members, and enforces the structural rules: one content, one DSSE signature, one kind of
 * verification material, no certificate chain in v0.3.
 */
public final class BundleCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WHAT = "Sigstore bundle";
  private static final Map<String, String> VERSIONS =
      Map.of(
          SigstoreBundle.MEDIA_TYPE_V03,
          "0.3",
          "application/vnd.dev.sigstore.bundle+json;version=0.1",
          "0.1",
          "application/vnd.dev.sigstore.bundle+json;version=0.2",
          "0.2",
          "application/vnd.dev.sigstore.bundle+json;version=0.3",
          "0.3");

  private BundleCodec() {}

  /** {@return the bundle's JSON bytes} */
  public static Bytes write(SigstoreBundle bundle) {
    requireNonNull(bundle, "bundle");
    ObjectNode root = NODES.objectNode();
    root.put("mediaType", bundle.mediaType());
    ObjectNode material = root.putObject("verificationMaterial");
    if (!bundle.certificateChain().isEmpty()) {
      ArrayNode certs = material.putObject("x509CertificateChain").putArray("certificates");
      bundle
          .certificateChain()
          .forEach(c -> certs.addObject().put("rawBytes", Base64s.standard(c)));
    } else if (bundle.certificate().isPresent()) {
      material
          .putObject("certificate")
          .put("rawBytes", Base64s.standard(bundle.certificate().get()));
    } else {
      ObjectNode key = material.putObject("publicKey");
      bundle.publicKeyHint().ifPresent(h -> key.put("hint", h));
    }
    if (!bundle.tlogEntries().isEmpty()) {
      ArrayNode entries = material.putArray("tlogEntries");
      bundle.tlogEntries().forEach(entries::add);
    }
    if (!bundle.rfc3161Timestamps().isEmpty()) {
      ArrayNode ts = material.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
      bundle
          .rfc3161Timestamps()
          .forEach(t -> ts.addObject().put("signedTimestamp", Base64s.standard(t)));
    }
    if (bundle.dsseEnvelope().isPresent()) {
      root.set("dsseEnvelope", DsseEnvelopeCodec.protoJson(bundle.dsseEnvelope().get()));
    } else {
      MessageSignature m = bundle.messageSignature().orElseThrow();
      ObjectNode ms = root.putObject("messageSignature");
      if (m.digest().isPresent()) {
        ObjectNode d = ms.putObject("messageDigest");
        d.put("algorithm", m.digestAlgorithm().orElseThrow());
        d.put("digest", Base64s.standard(m.digest().get()));
      }
      ms.put("signature", Base64s.standard(m.signature()));
    }
    return Json.write(root);
  }

  /**
   * Parses a bundle from its exact bytes (a referrer's layer blob).
   *
   * @param content the bundle bytes
   * @return the bundle
   * @throws InvalidInputException naming the offending field; reason UNSUPPORTED for an unknown
   *     bundle version
   */
  public static SigstoreBundle parse(Bytes content) throws InvalidInputException {
    JsonView root = JsonView.parse(content, WHAT).object();
    JsonView mt = root.field("mediaType", "media_type");
    String mediaType = mt.string();
    String version = VERSIONS.get(mediaType);
    if (version == null) {
      throw new InvalidInputException(
          CustodyException.Reason.UNSUPPORTED,
          "read "
              + WHAT
              + ": field mediaType: unsupported bundle media type \""
              + JsonView.shorten(mediaType)
              + "\" (expected v0.1 to v0.3)");
    }
    JsonView material = root.field("verificationMaterial", "verification_material").object();
    Optional<JsonView> key = material.optionalField("publicKey", "public_key");
    Optional<JsonView> cert = material.optionalField("certificate");
    Optional<JsonView> chain =
        material.optionalField("x509CertificateChain", "x509_certificate_chain");
    int kinds =
        (key.isPresent() ? 1 : 0) + (cert.isPresent() ? 1 : 0) + (chain.isPresent() ? 1 : 0);
    if (kinds != 1) {
      throw material.error(
          "expected exactly one of publicKey, certificate, x509CertificateChain (got "
              + kinds
              + ")");
    }
    Optional<String> hint = Optional.empty();
    if (key.isPresent()) {
      Optional<JsonView> h = key.get().object().optionalField("hint");
      hint = h.isPresent() ? Optional.of(h.get().string()) : Optional.empty();
    }
    Optional<Bytes> certificate = Optional.empty();
    if (cert.isPresent()) {
      certificate = Optional.of(nonEmptyBytes(cert.get().object().field("rawBytes", "raw_bytes")));
    }
    List<Bytes> certificates = new ArrayList<>();
    if (chain.isPresent()) {
      if (version.equals("0.3")) {
        throw chain.get().error("not allowed in a v0.3 bundle (use certificate)");
      }
      for (JsonView c : chain.get().object().field("certificates").nonEmptyArray()) {
        certificates.add(nonEmptyBytes(c.object().field("rawBytes", "raw_bytes")));
      }
    }
    List<JsonNode> tlog = new ArrayList<>();
    Optional<JsonView> entries = material.optionalField("tlogEntries", "tlog_entries");
    if (entries.isPresent()) {
      for (JsonView e : entries.get().array()) {
        tlog.add(e.object().tree());
      }
    }
    List<Bytes> timestamps = new ArrayList<>();
    Optional<JsonView> tvd =
        material.optionalField("timestampVerificationData", "timestamp_verification_data");
    if (tvd.isPresent()) {
      Optional<JsonView> list =
          tvd.get().object().optionalField("rfc3161Timestamps", "rfc3161_timestamps");
      if (list.isPresent()) {
        for (JsonView t : list.get().array()) {
          timestamps.add(nonEmptyBytes(t.object().field("signedTimestamp", "signed_timestamp")));
        }
      }
    }
    Optional<JsonView> ms = root.optionalField("messageSignature", "message_signature");
    Optional<JsonView> dsse = root.optionalField("dsseEnvelope", "dsse_envelope");
    if (ms.isPresent() == dsse.isPresent()) {
      throw root.error("expected exactly one of messageSignature, dsseEnvelope");
    }
    Optional<MessageSignature> message = Optional.empty();
    Optional<DsseEnvelope> envelope = Optional.empty();
    if (ms.isPresent()) {
      message = Optional.of(messageSignature(ms.get().object()));
    } else {
      DsseEnvelope e = DsseEnvelopeCodec.parse(dsse.get());
      if (e.signatures().size() != 1) {
        throw dsse.get()
            .field("signatures")
            .error(
                "a bundle's envelope must have exactly one signature (got "
                    + e.signatures().size()
                    + ")");
      }
      String keyId = e.signatures().get(0).keyId();
      if (hint.isPresent() && !keyId.isEmpty() && !keyId.equals(hint.get())) {
        // protobuf-specs: a key hint in the material and a DSSE keyid must agree when both are set
        throw dsse.get()
            .error("signatures[0].keyid differs from verificationMaterial.publicKey.hint");
      }
      envelope = Optional.of(e);
    }
    return new SigstoreBundle(
        mediaType, version, hint, certificate, certificates, tlog, timestamps, message, envelope);
  }

  private static MessageSignature messageSignature(JsonView ms) throws InvalidInputException {
    Optional<String> algorithm = Optional.empty();
    Optional<Bytes> digest = Optional.empty();
    Optional<JsonView> md = ms.optionalField("messageDigest", "message_digest");
    if (md.isPresent()) {
      algorithm = Optional.of(md.get().object().field("algorithm").nonEmptyString());
      digest = Optional.of(nonEmptyBytes(md.get().field("digest")));
    }
    return new MessageSignature(algorithm, digest, nonEmptyBytes(ms.field("signature")));
  }

  private static Bytes nonEmptyBytes(JsonView node) throws InvalidInputException {
    Bytes b = node.base64();
    if (b.isEmpty()) {
      throw node.error("must not be empty");
    }
    return b;
  }
}
