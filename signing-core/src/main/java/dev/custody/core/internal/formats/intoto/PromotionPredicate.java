package dev.custody.core.internal.formats.intoto;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.formats.JsonView;
import dev.custody.core.internal.formats.Rfc3339;
import dev.custody.oci.Digest;
import dev.custody.oci.ImageReference;
import java.time.Instant;
import java.util.Optional;

/**
 * Custody's promotion predicate {@value PredicateTypes#CUSTODY_PROMOTION_V1} (POLICY.md): the image
 * was copied from {@code source} to {@code destination} (both {@code HOST/REPO@DIGEST}) at {@code
 * promotedAt}, optionally under the policy whose digest is {@code policyDigest}. Source,
 * destination and time are required here; POLICY.md lists the fields without marking them, and a
 * promotion without a policy (a plain {@code copy}) has no policy digest.
 *
 * @param source where the image came from, pinned by digest
 * @param destination where it was copied to, pinned by digest
 * @param policyDigest the digest of the policy checked before promoting, if any
 * @param promotedAt when (the signed time, POLICY.md)
 */
public record PromotionPredicate(
    String source, String destination, Optional<Digest> policyDigest, Instant promotedAt) {
  private static final String WHAT = "promotion predicate";

  /** Checks the components: both references must be pinned by digest. */
  public PromotionPredicate {
    requireNonNull(policyDigest, "policyDigest");
    requireNonNull(promotedAt, "promotedAt");
    checkPinned(source, "source");
    checkPinned(destination, "destination");
  }

  private static void checkPinned(String reference, String field) {
    requireNonNull(reference, field);
    if (!isPinned(reference)) {
      throw new IllegalArgumentException(
          field + " must be HOST/REPO@DIGEST (got \"" + JsonView.shorten(reference) + "\")");
    }
  }

  private static boolean isPinned(String reference) {
    return reference.contains("@")
        && ImageReference.tryParse(reference).flatMap(ImageReference::digest).isPresent();
  }

  /** {@return the predicate JSON in the order source, destination, policyDigest, promotedAt} */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("source", source);
    o.put("destination", destination);
    policyDigest.ifPresent(d -> o.put("policyDigest", d.toString()));
    o.put("promotedAt", Rfc3339.format(promotedAt));
    return o;
  }

  /**
   * Validates a predicate read from a statement.
   *
   * @param predicate the predicate object
   * @return the promotion
   * @throws InvalidInputException naming the first missing, mistyped or invalid field
   */
  public static PromotionPredicate from(ObjectNode predicate) throws InvalidInputException {
    JsonView root = JsonView.of(predicate, WHAT).object();
    String source = pinned(root.field("source"));
    String destination = pinned(root.field("destination"));
    Optional<Digest> policyDigest = Optional.empty();
    Optional<JsonView> pd = root.optionalField("policyDigest");
    if (pd.isPresent()) {
      String text = pd.get().string();
      policyDigest =
          Optional.of(
              Digest.tryParse(text)
                  .orElseThrow(
                      () ->
                          pd.get().error("not a digest (got \"" + JsonView.shorten(text) + "\")")));
    }
    Instant promotedAt = root.field("promotedAt").timestamp();
    return new PromotionPredicate(source, destination, policyDigest, promotedAt);
  }

  private static String pinned(JsonView node) throws InvalidInputException {
    String text = node.nonEmptyString();
    if (!isPinned(text)) {
      throw node.error("expected HOST/REPO@DIGEST (got \"" + JsonView.shorten(text) + "\")");
    }
    return text;
  }
}
