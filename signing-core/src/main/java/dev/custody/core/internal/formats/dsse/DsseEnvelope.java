package dev.custody.core.internal.formats.dsse;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A DSSE envelope: the payload type, the decoded payload bytes and one or more independent
 * signatures over {@link #pae()}. Immutable.
 *
 * @param payloadType the payload type, e.g. {@value #IN_TOTO_PAYLOAD_TYPE}
 * @param payload the decoded payload bytes (the exact bytes that were signed)
 * @param signatures at least one signature
 */
public record DsseEnvelope(String payloadType, Bytes payload, List<DsseSignature> signatures) {
  /** The payload type of in-toto statements. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /** The media type of an envelope stored as a blob (cosign {@code .att} layers). */
  public static final String MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

  /** Checks the components. */
  public DsseEnvelope {
    requireNonNull(payloadType, "payloadType");
    requireNonNull(payload, "payload");
    signatures = List.copyOf(signatures);
    if (payloadType.isEmpty()) {
      throw new IllegalArgumentException("DSSE payload type must not be empty");
    }
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("DSSE envelope needs at least one signature");
    }
  }

  /** {@return the bytes every signature covers: PAE(payloadType, payload)} */
  public Bytes pae() {
    return Pae.encode(payloadType, payload);
  }

  /** {@return an envelope with {@code signature} appended, for several signers} */
  public DsseEnvelope withSignature(DsseSignature signature) {
    requireNonNull(signature, "signature");
    List<DsseSignature> all = new ArrayList<>(signatures);
    all.add(signature);
    return new DsseEnvelope(payloadType, payload, all);
  }
}
