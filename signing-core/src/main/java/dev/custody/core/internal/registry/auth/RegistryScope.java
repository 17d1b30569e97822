package dev.custody.core.internal.registry.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.TreeSet;

/**
 * The access a registry request needs, attached to each OkHttp request as a tag
 * ({@code request.tag(RegistryScope.class)}) so the auth layer asks for least privilege: pull for
 * reads, pull+push for writes, only on the repositories involved.
 *
 * @param repository the repository path, e.g. {@code team/app}
 * @param actions the actions, e.g. {@code pull} and {@code push}
 */
public record RegistryScope(String repository, Set<String> actions) {
  /** Copies and validates. */
  public RegistryScope {
    requireNonNull(repository, "repository");
    actions = Set.copyOf(requireNonNull(actions, "actions"));
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a scope needs at least one action");
    }
  }

  /** {@return read access to {@code repository}} */
  public static RegistryScope pull(String repository) {
    return new RegistryScope(repository, Set.of("pull"));
  }

  /** {@return read and write access to {@code repository}} */
  public static RegistryScope push(String repository) {
    return new RegistryScope(repository, Set.of("pull", "push"));
  }

  /** {@return the token-service form, {@code repository:team/app:pull,push} (actions sorted)} */
  public String toScopeString() {
    return "repository:" + repository + ":" + String.join(",", new TreeSet<>(actions));
  }
}
