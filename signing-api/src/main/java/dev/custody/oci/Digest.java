package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A content digest, {@code <algorithm>:<hex>}, following the OCI digest grammar
 * (image-spec descriptor.md) with the registered algorithms' stricter rule: lower-case hex of the
 * exact length. Only {@link DigestAlgorithm supported algorithms} are accepted, since a digest
 * Custody cannot recompute proves nothing.
 *
 * <p>{@link #parse(String)} accepts exactly what {@link #toString()} produces.
 *
 * @param algorithm the hash algorithm
 * @param hex the lower-case hexadecimal hash value
 */
public record Digest(DigestAlgorithm algorithm, String hex) {
  private static final Pattern GRAMMAR =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");
  private static final int MAX_SHOWN = 80;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code hex} is not lower-case hex of the algorithm's length
   */
  public Digest {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(hex, "hex");
    if (hex.length() != algorithm.hexLength() || !LOWER_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + algorithm.id()
              + " digest value \""
              + shorten(hex)
              + "\": expected "
              + algorithm.hexLength()
              + " lower-case hex characters");
    }
  }

  /**
   * Parses {@code <algorithm>:<hex>}.
   *
   * @param text the digest string
   * @return the digest
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static Digest parse(String text) {
    requireNonNull(text, "text");
    if (!GRAMMAR.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "invalid digest \"" + shorten(text) + "\": expected <algorithm>:<hex>, e.g. sha256:<64 hex>");
    }
    int colon = text.indexOf(':');
    String id = text.substring(0, colon);
    DigestAlgorithm algorithm =
        DigestAlgorithm.fromId(id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "invalid digest \""
                            + shorten(text)
                            + "\": unsupported algorithm \""
                            + id
                            + "\" (supported: sha256, sha512)"));
    return new Digest(algorithm, text.substring(colon + 1));
  }

  /** {@return the digest parsed from {@code text}, or empty if it is not a valid digest} */
  public static Optional<Digest> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses the tag form {@code <algorithm>-<hex>} used by the cosign tag scheme and the OCI
   * referrers tag schema.
   *
   * @param tag the tag, e.g. {@code sha256-<hex>}
   * @return the digest
   * @throws IllegalArgumentException if the tag is not a digest in tag form
   */
  public static Digest parseTagForm(String tag) {
    requireNonNull(tag, "tag");
    int dash = tag.indexOf('-');
    if (dash <= 0) {
      throw new IllegalArgumentException(
          "invalid digest tag \"" + shorten(tag) + "\": expected <algorithm>-<hex>");
    }
    return parse(tag.substring(0, dash) + ":" + tag.substring(dash + 1));
  }

  /** {@return the {@link DigestAlgorithm#SHA256} digest of {@code content}} */
  public static Digest of(Bytes content) {
    return of(DigestAlgorithm.SHA256, content);
  }

  /** {@return the digest of {@code content} under {@code algorithm}} */
  public static Digest of(DigestAlgorithm algorithm, Bytes content) {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(content, "content");
    MessageDigest md = algorithm.newMessageDigest();
    return ofHash(algorithm, md.digest(content.toByteArray()));
  }

  /**
   * Wraps a finished hash value.
   *
   * @param algorithm the algorithm that produced {@code hash}
   * @param hash the raw hash bytes
   * @return the digest
   */
  public static Digest ofHash(DigestAlgorithm algorithm, byte[] hash) {
    requireNonNull(hash, "hash");
    return new Digest(algorithm, Bytes.of(hash).hex());
  }

  /** {@return the tag form {@code <algorithm>-<hex>}, e.g. {@code sha256-ab12…}} */
  public String toTagForm() {
    return algorithm.id() + "-" + hex;
  }

  /** {@return whether {@code content} hashes to this digest} */
  public boolean matches(Bytes content) {
    return of(algorithm, content).equals(this);
  }

  /** {@return {@code <algorithm>:<hex>}} */
  @Override
  public String toString() {
    return algorithm.id() + ":" + hex;
  }

  /** Untrusted input is shown truncated so a hostile value cannot flood a message. */
  static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }
}
