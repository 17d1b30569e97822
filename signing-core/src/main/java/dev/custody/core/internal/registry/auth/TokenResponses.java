package dev.custody.core.internal.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.Bytes;
import dev.custody.InvalidInputException;
import dev.custody.core.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads token-service answers (FORMATS §2.10 step 4, §2.13): {@code access_token} or {@code token},
 * {@code expires_in} (default 60 s, never less), else a JWT {@code exp} claim; ACR's exchange
 * answers {@code refresh_token}. Messages never contain the body, which holds secrets.
 */
final class TokenResponses {
  /** Bound on a token-service body (tokens are a few KiB). */
  static final long MAX_BODY = 64 * 1024;
  /** Tokens are dropped this long before they expire, so none expires in flight. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private TokenResponses() {}

  static Token accessToken(Bytes body, Instant now, String what) throws IOException {
    JsonNode root = read(body, what);
    String value = text(root, "access_token").or(() -> text(root, "token")).orElseThrow(
        () -> new IOException("read " + what + ": no token in the answer (expected access_token or token)"));
    checkHeaderSafe(value, what);
    Duration lifetime = DEFAULT_LIFETIME;
    JsonNode expiresIn = root.get("expires_in");
    if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
      lifetime = Duration.ofSeconds(Math.max(60, Math.min(expiresIn.asLong(), 86_400)));
    } else {
      Optional<Instant> exp = jwtExpiry(value);
      if (exp.isPresent() && exp.get().isAfter(now.plus(DEFAULT_LIFETIME))) {
        lifetime = Duration.between(now, exp.get());
      }
    }
    return new Token(value, now.plus(lifetime).minus(MARGIN));
  }

  static Token refreshToken(Bytes body, Instant now, String what) throws IOException {
    JsonNode root = read(body, what);
    String value = text(root, "refresh_token").orElseThrow(
        () -> new IOException("read " + what + ": no refresh_token in the answer"));
    checkHeaderSafe(value, what);
    // ACR refresh tokens live for hours; trust the JWT exp when it parses, else reuse for 10 min.
    Instant expiry = jwtExpiry(value).map(e -> e.minus(Duration.ofMinutes(5)))
        .filter(e -> e.isAfter(now))
        .orElse(now.plus(Duration.ofMinutes(10)));
    return new Token(value, expiry);
  }

  private static JsonNode read(Bytes body, String what) throws IOException {
    try {
      JsonNode root = Json.read(body, what);
      if (!root.isObject()) {
        throw new IOException("read " + what + ": not a JSON object");
      }
      return root;
    } catch (InvalidInputException e) {
      // The parser's detail could quote part of a token: keep it out of the message.
      throw new IOException("read " + what + ": malformed JSON");
    }
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node != null && node.isTextual() && !node.asText().isEmpty()
        ? Optional.of(node.asText())
        : Optional.empty();
  }

  private static void checkHeaderSafe(String token, String what) throws IOException {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IOException("read " + what + ": the token contains characters a header cannot carry");
      }
    }
  }

  /** {@return the {@code exp} claim of a JWT, if {@code token} is one} */
  static Optional<Instant> jwtExpiry(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].length() > 16 * 1024) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Json.read(Bytes.of(payload), "JWT claims");
      JsonNode exp = claims.get("exp");
      if (exp != null && exp.canConvertToLong() && exp.asLong() > 0) {
        return Optional.of(Instant.ofEpochSecond(exp.asLong()));
      }
    } catch (IllegalArgumentException | InvalidInputException e) {
      // not a JWT; the caller falls back to a default lifetime
    }
    return Optional.empty();
  }

}
