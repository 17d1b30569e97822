package dev.custody.core.internal.registry.auth;

import dev.custody.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;

/**
 * What a registry host asked for in its last challenge: basic credentials, or a bearer token from a
 * realm (with a service name and the scope it named). Remembered per host so later requests
 * authenticate up front instead of collecting a 401 first.
 *
 * @param bearer whether tokens are required (else basic credentials)
 * @param realm the token service URL (bearer only)
 * @param service the {@code service} parameter, if sent
 * @param scopes the scopes the challenge named, split on spaces
 */
record HostAuth(boolean bearer, Optional<HttpUrl> realm, Optional<String> service, Set<String> scopes) {
  HostAuth {
    scopes = Set.copyOf(scopes);
  }

  /**
   * Picks the challenge Custody answers: the first Bearer with an http(s) realm, else Basic.
   *
   * @param headers the {@code WWW-Authenticate} values of one response
   * @return the choice, or empty when no challenge is usable (malformed ones are skipped)
   */
  static Optional<HostAuth> from(List<String> headers) {
    boolean basic = false;
    for (String header : headers) {
      List<Challenge> challenges;
      try {
        challenges = WwwAuthenticate.parse(header);
      } catch (InvalidInputException e) {
        continue;
      }
      for (Challenge c : challenges) {
        if (c.isScheme("Bearer")) {
          HttpUrl realm = c.param("realm").map(HttpUrl::parse).orElse(null);
          if (realm != null) {
            Set<String> scopes = new TreeSet<>();
            c.param("scope").ifPresent(s -> scopes.addAll(RegistryScopes.merge(List.of(s))));
            return Optional.of(new HostAuth(true, Optional.of(realm), c.param("service").filter(s -> !s.isEmpty()), scopes));
          }
        } else if (c.isScheme("Basic")) {
          basic = true;
        }
      }
    }
    return basic ? Optional.of(new HostAuth(false, Optional.empty(), Optional.empty(), Set.of())) : Optional.empty();
  }
}
