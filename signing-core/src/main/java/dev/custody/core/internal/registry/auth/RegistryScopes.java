package dev.custody.core.internal.registry.auth;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Request;

/**
 * Several scopes for one request, for operations that touch two repositories (a cross-repository
 * mount needs push on the target and pull on the source). Attach as a request tag instead of, or
 * besides, a single {@link RegistryScope}.
 *
 * @param scopes the scopes
 */
public record RegistryScopes(List<RegistryScope> scopes) {
  /** Copies. */
  public RegistryScopes {
    scopes = List.copyOf(requireNonNull(scopes, "scopes"));
  }

  /** {@return the scopes for {@code scopes}} */
  public static RegistryScopes of(RegistryScope... scopes) {
    return new RegistryScopes(List.of(scopes));
  }

  /**
   * Returns the token-service scope strings a request asks for, from its {@link RegistryScope} and
   * {@link RegistryScopes} tags, sorted and merged so that each repository appears once with the
   * union of its actions.
   *
   * @param request the request
   * @return the scope strings, possibly empty (e.g. the {@code /v2/} ping)
   */
  public static Set<String> requested(Request request) {
    List<RegistryScope> all = new java.util.ArrayList<>();
    RegistryScope one = request.tag(RegistryScope.class);
    if (one != null) {
      all.add(one);
    }
    RegistryScopes many = request.tag(RegistryScopes.class);
    if (many != null) {
      all.addAll(many.scopes());
    }
    return merge(all.stream().map(RegistryScope::toScopeString).collect(java.util.stream.Collectors.toList()));
  }

  /**
   * Merges scope strings (FORMATS §2.10 grammar) so that each resource appears once with the union
   * of its actions; strings that do not parse are kept as they are.
   *
   * @param scopes scope strings, possibly space-separated lists
   * @return the merged, sorted set
   */
  public static Set<String> merge(Collection<String> scopes) {
    java.util.Map<String, Set<String>> byResource = new java.util.TreeMap<>();
    Set<String> opaque = new TreeSet<>();
    for (String list : scopes) {
      for (String scope : list.trim().split(" +")) {
        if (scope.isEmpty()) {
          continue;
        }
        // The resource name may contain host:port, so the actions follow the LAST colon.
        int lastColon = scope.lastIndexOf(':');
        int firstColon = scope.indexOf(':');
        if (lastColon <= firstColon) {
          opaque.add(scope);
          continue;
        }
        String resource = scope.substring(0, lastColon);
        for (String action : scope.substring(lastColon + 1).split(",")) {
          if (!action.isEmpty()) {
            byResource.computeIfAbsent(resource, r -> new TreeSet<>()).add(action);
          }
        }
      }
    }
    Set<String> out = new TreeSet<>(opaque);
    byResource.forEach((resource, actions) -> out.add(resource + ":" + String.join(",", actions)));
    return out;
  }
}
