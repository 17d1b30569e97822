package dev.custody.core.internal.notary.trust;

import java.util.regex.Pattern;

/**
 * The grammar of a registry scope: a fully qualified repository {@code host[:port]/path} with no
 * scheme, tag or digest (notation-go {@code verifier/trustpolicy/oci.go}
 * {@code validateRegistryScopeFormat}, which parses it with oras-go {@code registry.ParseReference}
 * and refuses a reference part). Repository path components follow the distribution grammar
 * (lower case), as oras-go does; a local scope for OCI layouts ({@code local/e2e}) fits it.
 */
public final class RegistryScopes {
  /** The global scope. */
  public static final String WILDCARD = "*";

  private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
  private static final String HOST =
      "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?";
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern SCOPE =
      Pattern.compile(HOST + "/" + COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final int MAX_LENGTH = 255;

  private RegistryScopes() {}

  /** {@return whether {@code scope} is a valid non-wildcard registry scope} */
  public static boolean isValid(String scope) {
    return scope.length() <= MAX_LENGTH && SCOPE.matcher(scope).matches();
  }
}
