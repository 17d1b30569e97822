package dev.custody.oci;

import static java.util.Objects.requireNonNull;

import dev.custody.Bytes;
import java.security.MessageDigest;
import java.util.Locale;
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
  // image-spec descriptor.md, "Digests": the general grammar, then per-algorithm rules.
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");
  private static final int MAX_SHOWN = 80;

  /**
   * Validates the components.
   *
   * @param algorithm the hash algorithm
   * @param hex the lower-case hexadecimal hash value
   * @throws IllegalArgumentException if {@code hex} is not lower-case hex of the algorithm's length
   */
  public Digest {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(hex, "hex");
    String problem = hexProblem(algorithm, hex);
    if (problem != null) {
      throw new IllegalArgumentException(
          "invalid " + algorithm.id() + " digest value \"" + shorten(hex) + "\": " + problem);
    }
  }

  /**
   * Parses {@code <algorithm>:<hex>}. Nothing is trimmed: surrounding whitespace is an error.
   *
   * @param text the digest string
   * @return the digest
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static Digest parse(String text) {
    requireNonNull(text, "text");
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException("invalid digest \"" + shorten(text) + "\": " + problem);
    }
    int colon = text.indexOf(':');
    DigestAlgorithm algorithm = DigestAlgorithm.fromId(text.substring(0, colon)).orElseThrow();
    return new Digest(algorithm, text.substring(colon + 1));
  }

  /** {@return what is wrong with {@code text} as a digest, or null if it is a valid one} */
  private static String problem(String text) {
    if (text.isEmpty()) {
      return "it is empty (expected <algorithm>:<hex>, e.g. sha256:<64 hex>)";
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      int dash = text.indexOf('-');
      if (dash > 0 && DigestAlgorithm.fromId(text.substring(0, dash)).isPresent()) {
        return "missing ':' (<algorithm>-<hex> is the tag form, read by parseTagForm)";
      }
      return "missing ':' (expected <algorithm>:<hex>, e.g. sha256:<64 hex>)";
    }
    String id = text.substring(0, colon);
    String encoded = text.substring(colon + 1);
    if (!ALGORITHM.matcher(id).matches()) {
      boolean upper = ALGORITHM.matcher(id.toLowerCase(Locale.ROOT)).matches();
      return "algorithm \"" + shorten(id) + "\" " + (upper ? "must be lower case" : "is malformed");
    }
    if (encoded.isEmpty()) {
      return "the value after ':' is empty";
    }
    if (!ENCODED.matcher(encoded).matches()) {
      int bad = firstOutside(encoded);
      return "unexpected character "
          + describe(encoded.codePointAt(bad))
          + " at index "
          + (colon + 1 + bad)
          + " (digest values use [a-zA-Z0-9=_-])";
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromId(id);
    if (algorithm.isEmpty()) {
      return "unsupported algorithm \"" + shorten(id) + "\" (supported: sha256, sha512)";
    }
    return hexProblem(algorithm.get(), encoded);
  }

  /**
   * {@return the digest parsed from {@code text}, or empty if it is not a valid digest}
   *
   * @param text a digest in {@code <algorithm>:<hex>} form, possibly untrusted; {@code null} gives
   *     empty
   */
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
    String text = tag.substring(0, dash) + ":" + tag.substring(dash + 1);
    String problem = problem(text);
    if (problem != null) {
      // Phrased with the tag the caller gave, not with our rewriting of it.
      throw new IllegalArgumentException("invalid digest tag \"" + shorten(tag) + "\": " + problem);
    }
    return parse(text);
  }

  /**
   * {@return the {@link DigestAlgorithm#SHA256} digest of {@code content}}
   *
   * @param content the exact bytes to hash
   */
  public static Digest of(Bytes content) {
    return of(DigestAlgorithm.SHA256, content);
  }

  /**
   * {@return the digest of {@code content} under {@code algorithm}}
   *
   * @param algorithm the hash algorithm to use
   * @param content the exact bytes to hash
   */
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

  /**
   * {@return whether {@code content} hashes to this digest}
   *
   * @param content the bytes to check, hashed with this digest's algorithm
   */
  public boolean matches(Bytes content) {
    return of(algorithm, content).equals(this);
  }

  /** {@return {@code <algorithm>:<hex>}} */
  @Override
  public String toString() {
    return algorithm.id() + ":" + hex;
  }

  /** {@return why {@code hex} is not a valid value for {@code algorithm}, or null if it is} */
  private static String hexProblem(DigestAlgorithm algorithm, String hex) {
    if (hex.length() != algorithm.hexLength()) {
      return "expected "
          + algorithm.hexLength()
          + " lower-case hex characters for "
          + algorithm.id()
          + ", got "
          + hex.length();
    }
    if (!LOWER_HEX.matcher(hex).matches()) {
      // image-spec descriptor.md: upper-case hex is not allowed for the registered algorithms.
      return "expected lower-case hex (0-9, a-f), got "
          + describe(hex.codePointAt(firstNotLowerHex(hex)));
    }
    return null;
  }

  private static int firstOutside(String encoded) {
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '='
              || c == '_'
              || c == '-';
      if (!ok) {
        return i;
      }
    }
    return 0;
  }

  private static int firstNotLowerHex(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'))) {
        return i;
      }
    }
    return 0;
  }

  /** {@return a character quoted for a message, control and other invisible characters escaped} */
  static String describe(int codePoint) {
    return "'" + escape(new String(Character.toChars(codePoint))) + "'";
  }

  /**
   * Untrusted input is shown truncated, so a hostile value cannot flood a message, and with
   * control characters escaped, so it cannot forge extra lines in a log.
   */
  static String shorten(String text) {
    String cut = text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    return escape(cut);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || Character.isSurrogate(c) && !isPaired(text, i)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isPaired(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
