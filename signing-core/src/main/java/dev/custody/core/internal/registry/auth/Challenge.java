package dev.custody.core.internal.registry.auth;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 §2.1): a scheme with either a
 * token68 or named parameters.
 *
 * @param scheme the auth scheme as sent, e.g. {@code Bearer} (compare with {@link #isScheme})
 * @param token68 the token68 form, rarely used by registries
 * @param params the parameters, names in lower case (they are case-insensitive)
 */
public record Challenge(String scheme, Optional<String> token68, Map<String, String> params) {
  /** Validates and copies. */
  public Challenge {
    requireNonNull(scheme, "scheme");
    requireNonNull(token68, "token68");
    params = Map.copyOf(requireNonNull(params, "params"));
    if (!WwwAuthenticate.isToken(scheme)) {
      throw new IllegalArgumentException("challenge scheme is not an RFC 7230 token");
    }
    if (token68.isPresent() && !params.isEmpty()) {
      throw new IllegalArgumentException("a challenge has a token68 or parameters, not both");
    }
    for (String name : params.keySet()) {
      if (!WwwAuthenticate.isToken(name) || !name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("challenge parameter names are lower-case tokens");
      }
    }
  }

  /** {@return a challenge with parameters only} */
  public static Challenge of(String scheme, Map<String, String> params) {
    return new Challenge(scheme, Optional.empty(), params);
  }

  /** {@return whether the scheme is {@code name}, ignoring case} */
  public boolean isScheme(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** {@return the parameter {@code name} (lower case), if present} */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }
}
