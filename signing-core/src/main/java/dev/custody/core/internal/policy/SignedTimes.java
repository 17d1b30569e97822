package dev.custody.core.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a piece of evidence keeps its signed time (POLICY.md "Signed time"). Only signed content
 * is consulted: the predicate of a verified statement, the verified cosign payload, or the
 * verified Notary protected header. Never a registry timestamp or an annotation.
 */
public final class SignedTimes {
  /** SLSA Provenance v1 (FORMATS.md §6.2). */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
  /** SLSA Provenance v0.2, still written by cosign {@code --type slsaprovenance}. */
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";
  /** cosign's vulnerability predicate (FORMATS.md §6.5). */
  public static final String COSIGN_VULN_V1 = "https://cosign.sigstore.dev/attestation/vuln/v1";
  /** in-toto's vulns predicate, versioned URI (FORMATS.md §6.6). */
  public static final String IN_TOTO_VULNS_V02 = "https://in-toto.io/attestation/vulns/v0.2";
  /** in-toto's vulns predicate, unversioned URI from the spec header (FORMATS.md §6.6). */
  public static final String IN_TOTO_VULNS = "https://in-toto.io/attestation/vulns";
  /** Custody's approval predicate (POLICY.md). */
  public static final String APPROVAL_V1 = "https://custody.dev/attestation/approval/v1";
  /** Custody's promotion predicate (POLICY.md). */
  public static final String PROMOTION_V1 = "https://custody.dev/attestation/promotion/v1";

  /** The JSON Pointer to the signed time, per predicate type. */
  private static final Map<String, String> TIME_FIELD =
      Map.of(
          SLSA_PROVENANCE_V1, "/runDetails/metadata/finishedOn",
          SLSA_PROVENANCE_V02, "/metadata/buildFinishedOn",
          COSIGN_VULN_V1, "/metadata/scanFinishedOn",
          IN_TOTO_VULNS_V02, "/metadata/scanFinishedOn",
          IN_TOTO_VULNS, "/metadata/scanFinishedOn",
          APPROVAL_V1, "/approvedAt",
          PROMOTION_V1, "/promotedAt");

  private SignedTimes() {}

  /** {@return the JSON Pointer to the signed time of {@code predicateType}, if it has one} */
  public static Optional<String> fieldOf(String predicateType) {
    return Optional.ofNullable(TIME_FIELD.get(predicateType));
  }

  /**
   * Reads the signed time of a verified predicate.
   *
   * @param predicateType the statement's predicate type
   * @param predicate the verified predicate
   * @return the time, or empty if the type has no time field or the field is absent
   * @throws InvalidInputException if the field is present but not an RFC 3339 time
   */
  public static Optional<Instant> fromPredicate(String predicateType, JsonNode predicate)
      throws InvalidInputException {
    Optional<String> field = fieldOf(predicateType);
    if (field.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node = predicate.at(field.get());
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidInputException(
          "read predicate " + predicateType + ": " + field.get() + " is not an RFC 3339 string");
    }
    return Optional.of(rfc3339(node.asText(), predicateType + " " + field.get()));
  }

  /**
   * Reads {@code optional.timestamp} (unix seconds) of a verified cosign simple-signing payload
   * (FORMATS.md §3.3).
   *
   * @param payload the verified payload
   * @return the time, or empty if {@code optional} is null or has no timestamp
   * @throws InvalidInputException if the timestamp is present but not an integer of seconds
   */
  public static Optional<Instant> fromCosignPayload(JsonNode payload) throws InvalidInputException {
    JsonNode node = payload.at("/optional/timestamp");
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new InvalidInputException(
          "read cosign payload: optional.timestamp is not an integer of unix seconds");
    }
    try {
      return Optional.of(Instant.ofEpochSecond(new BigDecimal(node.asText()).longValueExact()));
    } catch (ArithmeticException | DateTimeException e) {
      throw new InvalidInputException("read cosign payload: optional.timestamp is out of range");
    }
  }

  /**
   * Parses an RFC 3339 time such as {@code 2025-01-02T03:04:05Z} or with an offset and
   * fractional seconds.
   *
   * @param text the time
   * @param what what holds it, for the message
   * @return the instant
   * @throws InvalidInputException if {@code text} is not RFC 3339
   */
  public static Instant rfc3339(String text, String what) throws InvalidInputException {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "read "
              + what
              + ": not an RFC 3339 time (expected e.g. 2025-01-02T03:04:05Z, got \""
              + PolicyErrors.shorten(text, 40)
              + "\")");
    }
  }
}
